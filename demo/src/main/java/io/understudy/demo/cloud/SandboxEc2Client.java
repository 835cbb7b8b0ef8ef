package io.understudy.demo.cloud;

import io.understudy.demo.environment.AppInstance;
import io.understudy.demo.environment.DemoEnvironment;
import io.understudy.demo.environment.EnvironmentPlan;
import io.understudy.invariants.DutiesProbe;
import io.understudy.invariants.InvariantChecker;
import io.understudy.schemas.tags.ResourceTags;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.VolumeState;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.understudy.demo.polling.Polling.await;

/**
 * The demo's client of the sandbox cloud's EC2 API, with the same SDK the services use: builds the demo's environment the
 * way a user's environment exists before Understudy watches it, and reads EC2's view of it afterwards.
 */
public final class SandboxEc2Client implements AutoCloseable {
    public static final String ENVIRONMENT_TAG = ResourceTags.ENVIRONMENT;
    public static final String ROLE_TAG = ResourceTags.ROLE;
    public static final String STACK_VERSION_TAG = ResourceTags.STACK_VERSION;
    private static final Duration READY = Duration.ofSeconds(60);

    private final Ec2Client ec2;

    public SandboxEc2Client(String endpoint) {
        this.ec2 = Ec2Client.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("sandbox", "sandbox")))
                .endpointOverride(URI.create(endpoint))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    public DemoEnvironment create(String environmentId, EnvironmentPlan plan) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < plan.instanceCount(); i++) {
            ids.add(runInstance(environmentId, plan, i == 0 ? "app_master" : "app_slave", plan.zoneOf(i)));
        }
        List<AppInstance> instances = awaitRunning(ids);
        AppInstance master = instances.get(0);
        String volume = dataVolume(environmentId, plan, master);
        // the environment's own, as an operator tags it before registering: the provisioner checks it
        var address = ec2.allocateAddress(r -> r.domain(DomainType.VPC).tagSpecifications(TagSpecification.builder()
                .resourceType(ResourceType.ELASTIC_IP).tags(tag(ENVIRONMENT_TAG, environmentId)).build()));
        ec2.associateAddress(r -> r.allocationId(address.allocationId()).instanceId(master.instanceId()));
        Map<String, String> subnets = new LinkedHashMap<>();
        plan.zones().forEach(zone -> subnets.put(zone, plan.subnetOf(zone)));
        return new DemoEnvironment(environmentId, plan.stackVersion(), plan.imageId(), address.allocationId(),
                address.publicIp(), volume, plan.dataDevice(), plan.requiredCapacity(), subnets, instances);
    }

    private String runInstance(String environmentId, EnvironmentPlan plan, String role, String zone) {
        return ec2.runInstances(r -> r.imageId(plan.imageId()).instanceType("t3.micro").minCount(1).maxCount(1)
                        .subnetId(plan.subnetOf(zone))
                        .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(
                                tag(ENVIRONMENT_TAG, environmentId), tag(ROLE_TAG, role),
                                tag(STACK_VERSION_TAG, plan.stackVersion())).build()))
                .instances().get(0).instanceId();
    }

    private List<AppInstance> awaitRunning(List<String> ids) {
        await("instances " + ids + " running").atMost(READY).pollInterval(Duration.ofMillis(200))
                .until(() -> describe(ids).stream().allMatch(i -> "running".equals(i.state().nameAsString())));
        List<AppInstance> instances = new ArrayList<>();
        List<Instance> described = describe(ids);
        for (String id : ids) {
            Instance instance = described.stream().filter(i -> i.instanceId().equals(id)).findFirst().orElseThrow();
            instances.add(new AppInstance(id, instances.isEmpty(), instance.privateIpAddress(),
                    instance.placement().availabilityZone()));
        }
        return instances;
    }

    /** The master's /data: a volume in its zone, attached before Understudy is told about it. */
    private String dataVolume(String environmentId, EnvironmentPlan plan, AppInstance master) {
        String volume = ec2.createVolume(r -> r.availabilityZone(master.zone()).size(1)
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.VOLUME)
                        .tags(tag(ENVIRONMENT_TAG, environmentId)).build())).volumeId();
        awaitVolume(volume, VolumeState.AVAILABLE);
        ec2.attachVolume(r -> r.volumeId(volume).instanceId(master.instanceId()).device(plan.dataDevice()));
        awaitVolume(volume, VolumeState.IN_USE);
        return volume;
    }

    private void awaitVolume(String volume, VolumeState state) {
        await("volume " + volume + " " + state).atMost(READY).pollInterval(Duration.ofMillis(200))
                .until(() -> ec2.describeVolumes(r -> r.volumeIds(volume)).volumes().get(0).state() == state);
    }

    /** Every instance of the environment EC2 knows, in any state. */
    public List<Instance> instancesOf(String environmentId) {
        return ec2.describeInstances(r -> r.filters(f -> f.name("tag:" + ENVIRONMENT_TAG).values(environmentId)))
                .reservations().stream().flatMap(r -> r.instances().stream()).toList();
    }

    public Optional<Instance> instance(String instanceId) {
        return describe(List.of(instanceId)).stream().findFirst();
    }

    /** The instance the Elastic IP is associated with, as EC2 says. */
    public String elasticIpHolder(String allocationId) {
        return ec2.describeAddresses(r -> r.allocationIds(allocationId)).addresses().get(0).instanceId();
    }

    /** Samples the environment's promises through this client until the checker is closed. */
    public InvariantChecker watchInvariants(String environmentId, String allocationId, DutiesProbe probe) {
        InvariantChecker checker = InvariantChecker.start(ec2, InvariantChecker.INTERVAL, probe);
        try {
            checker.watch(environmentId, allocationId);
            return checker;
        } catch (RuntimeException e) {
            checker.close();
            throw e;
        }
    }

    public static String tagValue(Instance instance, String key) {
        return instance.tags().stream().filter(t -> t.key().equals(key)).map(Tag::value).findFirst().orElse(null);
    }

    private List<Instance> describe(List<String> ids) {
        return ec2.describeInstances(r -> r.instanceIds(ids)).reservations().stream()
                .flatMap(r -> r.instances().stream()).toList();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    @Override
    public void close() {
        ec2.close();
    }
}
