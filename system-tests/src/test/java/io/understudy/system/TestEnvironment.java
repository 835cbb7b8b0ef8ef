package io.understudy.system;

import io.understudy.contract.ElasticIp;
import io.understudy.contract.FormerMasterPolicy;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.Instance;
import io.understudy.contract.InstanceStatus;
import io.understudy.contract.RegisterEnvironment;
import io.understudy.contract.Role;
import io.understudy.schemas.tags.ResourceTags;
import io.understudy.testing.AppInstance;
import io.understudy.testing.InstancePorts;
import io.understudy.testing.LoopbackNetwork;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An application environment as a user has it before Understudy watches it: in EC2 a master holding the
 * Elastic IP and a data volume, and two slaves of one image; on each instance a real HAProxy.
 */
final class TestEnvironment implements AutoCloseable {
    static final String IMAGE = "ami-12c6146b";
    static final String STACK_VERSION = "stack-2026.11";
    static final String DATA_DEVICE = "/dev/sdf";

    final String id;
    final LoopbackNetwork network;
    final String masterId;
    final List<String> slaveIds;
    final String dataVolumeId;
    final String allocationId;
    final String publicIp;
    final Map<String, String> addresses = new LinkedHashMap<>();
    final Map<String, AppInstance> apps = new LinkedHashMap<>();
    private final InstancePorts ports;

    private TestEnvironment(String id, LoopbackNetwork network, String masterId, List<String> slaveIds,
                            String dataVolumeId, String allocationId, String publicIp, InstancePorts ports) {
        this.id = id;
        this.network = network;
        this.masterId = masterId;
        this.slaveIds = slaveIds;
        this.dataVolumeId = dataVolumeId;
        this.allocationId = allocationId;
        this.publicIp = publicIp;
        this.ports = ports;
    }

    static TestEnvironment create(Ec2Client ec2, InstancePorts ports, Path workDir) throws IOException {
        String id = "env-" + UUID.randomUUID().toString().substring(0, 8);
        LoopbackNetwork network = LoopbackNetwork.create(ec2, "us-east-1a");
        String master = runInstance(ec2, network, id, "app_master");
        List<String> slaves = List.of(runInstance(ec2, network, id, "app_slave"), runInstance(ec2, network, id, "app_slave"));
        String volume = ec2.createVolume(r -> r.availabilityZone(network.zone()).size(1)
                .tagSpecifications(tags(ResourceType.VOLUME, id, "data"))).volumeId();
        ec2.attachVolume(r -> r.volumeId(volume).instanceId(master).device(DATA_DEVICE));
        // the environment's own, as an operator tags it before registering: the provisioner checks it
        var address = ec2.allocateAddress(r -> r.domain(DomainType.VPC).tagSpecifications(TagSpecification.builder()
                .resourceType(ResourceType.ELASTIC_IP).tags(Tag.builder().key(ResourceTags.ENVIRONMENT).value(id).build()).build()));
        ec2.associateAddress(r -> r.allocationId(address.allocationId()).instanceId(master));
        TestEnvironment environment = new TestEnvironment(id, network, master, slaves, volume,
                address.allocationId(), address.publicIp(), ports);
        environment.startInstanceSoftware(ec2, workDir.resolve(id));
        return environment;
    }

    private static String runInstance(Ec2Client ec2, LoopbackNetwork network, String environment, String role) {
        return ec2.runInstances(r -> r.imageId(IMAGE).instanceType("t3.micro").minCount(1).maxCount(1)
                        .subnetId(network.subnetId())
                        .tagSpecifications(tags(ResourceType.INSTANCE, environment, role)))
                .instances().get(0).instanceId();
    }

    private static TagSpecification tags(ResourceType type, String environment, String role) {
        return TagSpecification.builder().resourceType(type).tags(
                Tag.builder().key("understudy:environment").value(environment).build(),
                Tag.builder().key("understudy:role").value(role).build(),
                Tag.builder().key("understudy:stack-version").value(STACK_VERSION).build()).build();
    }

    private void startInstanceSoftware(Ec2Client ec2, Path workDir) throws IOException {
        for (String instance : allInstances()) {
            String address = ec2.describeInstances(r -> r.instanceIds(instance))
                    .reservations().get(0).instances().get(0).privateIpAddress();
            addresses.put(instance, address);
            apps.put(instance, AppInstance.start(workDir.resolve(instance), address, ports));
        }
        AppInstance master = apps.get(masterId);
        for (String instance : allInstances()) {
            master.runtime().send("add server app/" + instance + " " + addresses.get(instance) + ":" + ports.app());
            master.runtime().send("enable server app/" + instance);
        }
    }

    List<String> allInstances() {
        List<String> all = new ArrayList<>();
        all.add(masterId);
        all.addAll(slaveIds);
        return all;
    }

    RegisterEnvironment registration() {
        return registration(FormerMasterPolicy.KEEP_STOPPED);
    }

    RegisterEnvironment registration(FormerMasterPolicy formerMasterPolicy) {
        List<Instance> instances = new ArrayList<>();
        for (String instance : allInstances()) {
            boolean master = instance.equals(masterId);
            instances.add(Instance.newBuilder().setInstanceId(instance)
                    .setRole(master ? Role.APP_MASTER : Role.APP_SLAVE)
                    .setPrivateAddress(addresses.get(instance)).setAvailabilityZone(network.zone())
                    .setStackVersion(STACK_VERSION).setImageId(IMAGE)
                    .setDataVolumeId(master ? dataVolumeId : null)
                    .setStatus(InstanceStatus.RUNNING).build());
        }
        return RegisterEnvironment.newBuilder()
                .setMeta(EventMetadata.newBuilder().setEventId(UUID.randomUUID().toString()).setEnvironmentId(id)
                        .setOccurredAt(Instant.now()).setProducer("system-test").build())
                .setStackVersion(STACK_VERSION).setImageId(IMAGE)
                .setElasticIp(ElasticIp.newBuilder().setAllocationId(allocationId).setPublicIp(publicIp).build())
                .setRequiredCapacity(2).setDataDevice(DATA_DEVICE)
                .setSubnets(Map.of(network.zone(), network.subnetId()))
                .setInstances(instances).setFormerMasterPolicy(formerMasterPolicy).build();
    }

    @Override
    public void close() {
        apps.values().forEach(AppInstance::close);
    }
}
