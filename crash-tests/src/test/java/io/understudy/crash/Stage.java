package io.understudy.crash;

import io.understudy.contract.ElasticIp;
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

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An environment as a user has it: in moto a master with the Elastic IP and a data volume, two slaves, and a real
 * HAProxy per instance, everything tagged with the environment as the registration check wants it. Optionally a
 * third slave that cannot take a volume: the one with the lowest instance id, so the first candidate, whose
 * AttachVolume the test makes EC2 refuse for good.
 */
final class Stage implements AutoCloseable {
    static final String IMAGE = "ami-12c6146b";
    static final String STACK_VERSION = "stack-2026.11";
    static final String DATA_DEVICE = "/dev/sdf";

    final String id;
    final LoopbackNetwork network;
    final String masterId;
    final List<String> slaveIds = new ArrayList<>();
    final String dataVolumeId;
    final String allocationId;
    /** The slave whose volume attachment fails for good, or null. */
    String unattachable;
    final Map<String, String> addresses = new LinkedHashMap<>();
    private final Map<String, AppInstance> apps = new LinkedHashMap<>();

    private Stage(String id, LoopbackNetwork network, String masterId, String dataVolumeId, String allocationId) {
        this.id = id;
        this.network = network;
        this.masterId = masterId;
        this.dataVolumeId = dataVolumeId;
        this.allocationId = allocationId;
    }

    static Stage create(Ec2Client ec2, InstancePorts ports, Path workDir, boolean withUnattachable) {
        String id = "env-" + UUID.randomUUID().toString().substring(0, 8);
        LoopbackNetwork network = LoopbackNetwork.create(ec2, "us-east-1a");
        String master = runInstance(ec2, network, id, "app_master");
        String volume = ec2.createVolume(r -> r.availabilityZone(network.zone()).size(1)
                .tagSpecifications(tags(ResourceType.VOLUME, id, "data"))).volumeId();
        ec2.attachVolume(r -> r.volumeId(volume).instanceId(master).device(DATA_DEVICE));
        // the environment's own, as an operator tags it before registering: the provisioner checks it
        var address = ec2.allocateAddress(r -> r.domain(DomainType.VPC).tagSpecifications(TagSpecification.builder()
                .resourceType(ResourceType.ELASTIC_IP).tags(Tag.builder().key(ResourceTags.ENVIRONMENT).value(id).build()).build()));
        ec2.associateAddress(r -> r.allocationId(address.allocationId()).instanceId(master));
        Stage stage = new Stage(id, network, master, volume, address.allocationId());
        stage.slaveIds.add(runInstance(ec2, network, id, "app_slave"));
        stage.slaveIds.add(runInstance(ec2, network, id, "app_slave"));
        if (withUnattachable) {
            stage.slaveIds.add(runInstance(ec2, network, id, "app_slave"));
            // candidates are taken in instance id order
            stage.unattachable = stage.slaveIds.stream().min(String::compareTo).orElseThrow();
        }
        for (String instance : stage.ec2Instances()) {
            stage.addresses.put(instance, ec2.describeInstances(r -> r.instanceIds(instance))
                    .reservations().get(0).instances().get(0).privateIpAddress());
        }
        stage.addresses.forEach((instance, at) -> stage.apps.put(instance, AppInstance.start(workDir.resolve(id).resolve(instance), at, ports)));
        return stage;
    }

    private static String runInstance(Ec2Client ec2, LoopbackNetwork network, String environment, String role) {
        return ec2.runInstances(r -> r.imageId(IMAGE).instanceType("t3.micro").minCount(1).maxCount(1)
                        .subnetId(network.subnetId()).tagSpecifications(tags(ResourceType.INSTANCE, environment, role)))
                .instances().get(0).instanceId();
    }

    private static TagSpecification tags(ResourceType type, String environment, String role) {
        return TagSpecification.builder().resourceType(type).tags(
                Tag.builder().key("understudy:environment").value(environment).build(),
                Tag.builder().key("understudy:role").value(role).build()).build();
    }

    /** The instances EC2 knows, as the stage created them. */
    List<String> ec2Instances() {
        List<String> all = new ArrayList<>();
        all.add(masterId);
        all.addAll(slaveIds);
        return all;
    }

    RegisterEnvironment registration() {
        List<Instance> instances = new ArrayList<>();
        addresses.forEach((instance, at) -> {
            boolean master = instance.equals(masterId);
            instances.add(Instance.newBuilder().setInstanceId(instance)
                    .setRole(master ? Role.APP_MASTER : Role.APP_SLAVE).setPrivateAddress(at)
                    .setAvailabilityZone(network.zone()).setStackVersion(STACK_VERSION).setImageId(IMAGE)
                    .setDataVolumeId(master ? dataVolumeId : null).setStatus(InstanceStatus.RUNNING).build());
        });
        return RegisterEnvironment.newBuilder()
                .setMeta(EventMetadata.newBuilder().setEventId("register-" + id).setEnvironmentId(id)
                        .setOccurredAt(Instant.now()).setProducer("crash-test").build())
                .setStackVersion(STACK_VERSION).setImageId(IMAGE)
                .setElasticIp(ElasticIp.newBuilder().setAllocationId(allocationId).setPublicIp("0.0.0.0").build())
                .setRequiredCapacity(2).setDataDevice(DATA_DEVICE)
                .setSubnets(Map.of(network.zone(), network.subnetId()))
                .setInstances(instances).build();
    }

    /** The instance's software dies (EC2 still says running), as a real failure: a second opinion finds it down too. */
    void kill(String instanceId) {
        apps.get(instanceId).kill();
    }

    @Override
    public void close() {
        apps.values().forEach(AppInstance::close);
    }
}
