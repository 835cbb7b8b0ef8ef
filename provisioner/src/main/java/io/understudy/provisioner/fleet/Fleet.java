package io.understudy.provisioner.fleet;

import io.understudy.ec2.Ec2Errors;
import io.understudy.ec2.Ownership;
import io.understudy.ec2.Provenance;
import io.understudy.ec2.Waits;
import io.understudy.provisioner.boot.LaunchSpec;
import io.understudy.provisioner.placement.Placement;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileSpecification;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagDescription;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The EC2 calls of the provisioner: instances, their states and their tags. */
@Singleton
public class Fleet {
    private final Ec2Client ec2;
    private final Waits waits;

    public Fleet(Ec2Client ec2, Waits waits) {
        this.ec2 = ec2;
        this.waits = waits;
    }

    /** Empty when EC2 does not know the instance (never existed, or terminated long ago). */
    public Optional<Instance> find(String instanceId) {
        try {
            return instances(ec2.describeInstances(r -> r.instanceIds(instanceId))).findFirst();
        } catch (SdkException e) {
            if (Ec2Errors.hasCode(e, "InvalidInstanceID.NotFound")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The live instance an earlier delivery of this command launched, so that a redelivery does not boot a second. */
    public Optional<Instance> launchedBy(String commandId) {
        return instances(ec2.describeInstances(r -> r.filters(Provenance.madeBy(commandId),
                        Filter.builder().name("instance-state-name").values("pending", "running").build())))
                .min(Comparator.comparing(Instance::launchTime));
    }

    public Instance launch(LaunchSpec spec) {
        RunInstancesRequest.Builder request = RunInstancesRequest.builder()
                .imageId(spec.imageId())
                .instanceType(spec.instanceType())
                .minCount(1).maxCount(1)
                .clientToken(spec.clientToken())
                .tagSpecifications(Provenance.on(ResourceType.INSTANCE, spec.tags()),
                        Provenance.on(ResourceType.VOLUME, spec.tags()));
        if (spec.subnetId().isPresent()) {
            request.subnetId(spec.subnetId().get());
        } else {
            request.placement(software.amazon.awssdk.services.ec2.model.Placement.builder().availabilityZone(spec.availabilityZone()).build());
        }
        spec.keyName().ifPresent(request::keyName);
        spec.instanceProfile().ifPresent(profile -> request.iamInstanceProfile(profile.startsWith("arn:")
                ? IamInstanceProfileSpecification.builder().arn(profile).build()
                : IamInstanceProfileSpecification.builder().name(profile).build()));
        if (!spec.securityGroupIds().isEmpty()) {
            request.securityGroupIds(spec.securityGroupIds());
        }
        return ec2.runInstances(request.build()).instances().get(0);
    }

    public void stop(String instanceId, boolean force) {
        ec2.stopInstances(r -> r.instanceIds(instanceId).force(force));
    }

    public void start(String instanceId) {
        ec2.startInstances(r -> r.instanceIds(instanceId));
    }

    public void terminate(String instanceId) {
        ec2.terminateInstances(r -> r.instanceIds(instanceId));
    }

    public void tag(String instanceId, String key, String value) {
        ec2.createTags(r -> r.resources(instanceId).tags(Provenance.tag(key, value)));
    }

    public Optional<String> tagValue(String instanceId, String key) {
        return ec2.describeTags(r -> r.filters(
                        Filter.builder().name("resource-id").values(instanceId).build(),
                        Filter.builder().name("key").values(key).build()))
                .tags().stream().map(TagDescription::value).findFirst();
    }

    /** Waits for {@code running} and answers with the instance as then described (address, zone). */
    public Instance awaitRunning(String instanceId, Duration timeout) {
        try (Ec2Waiter waiter = waiter(timeout)) {
            waiter.waitUntilInstanceRunning(r -> r.instanceIds(instanceId));
        }
        return find(instanceId).orElseThrow(() -> new IllegalStateException(instanceId + " vanished after running"));
    }

    /** Waits until EC2's instance and system status checks pass: booted and reachable, not only running. */
    public void awaitStatusOk(String instanceId, Duration timeout) {
        try (Ec2Waiter waiter = waiter(timeout)) {
            waiter.waitUntilInstanceStatusOk(r -> r.instanceIds(instanceId));
            waiter.waitUntilSystemStatusOk(r -> r.instanceIds(instanceId));
        }
    }

    /**
     * The other subnets of the named subnet's VPC that carry {@code groupTag} with the same value: the places the
     * environment may boot into instead. Empty when the named subnet has no such tag.
     */
    public List<Placement> subnetGroupOf(String subnetId, String groupTag) {
        Optional<Subnet> named = ec2.describeSubnets(r -> r.subnetIds(subnetId)).subnets().stream().findFirst();
        Optional<String> group = named.flatMap(s -> s.tags().stream().filter(t -> t.key().equals(groupTag)).map(Tag::value).findFirst());
        if (named.isEmpty() || group.isEmpty() || groupTag.isEmpty()) {
            return List.of();
        }
        return ec2.describeSubnets(r -> r.filters(
                        Filter.builder().name("vpc-id").values(named.get().vpcId()).build(),
                        Filter.builder().name("tag:" + groupTag).values(group.get()).build(),
                        Filter.builder().name("state").values("available").build()))
                .subnets().stream()
                .filter(s -> !s.subnetId().equals(subnetId))
                .map(s -> Placement.subnet(s.availabilityZone(), s.subnetId()))
                .toList();
    }

    /** The environment's pending and running instances, counted by zone (those Understudy or its users tagged). */
    public Map<String, Integer> liveByZone(String environmentId) {
        return instances(ec2.describeInstances(r -> r.filters(
                        Filter.builder().name("tag:" + Provenance.ENVIRONMENT).values(environmentId).build(),
                        Filter.builder().name("instance-state-name").values("pending", "running").build())))
                .collect(Collectors.groupingBy(i -> i.placement().availabilityZone(), Collectors.summingInt(i -> 1)));
    }

    public void awaitStopped(String instanceId, Duration timeout) {
        try (Ec2Waiter waiter = waiter(timeout)) {
            waiter.waitUntilInstanceStopped(r -> r.instanceIds(instanceId));
        }
    }

    public void awaitTerminated(String instanceId, Duration timeout) {
        try (Ec2Waiter waiter = waiter(timeout)) {
            waiter.waitUntilInstanceTerminated(r -> r.instanceIds(instanceId));
        }
    }

    /** The instance with its tags, as the ownership check reads them. */
    public static Ownership.Tagged tagged(Instance instance) {
        return new Ownership.Tagged(instance.instanceId(), instance.tags());
    }

    public static InstanceStateName state(Instance instance) {
        return instance.state() == null ? InstanceStateName.UNKNOWN_TO_SDK_VERSION : instance.state().name();
    }

    private Ec2Waiter waiter(Duration timeout) {
        return Ec2Waiter.builder().client(ec2).overrideConfiguration(waits.upTo(timeout)).build();
    }

    private static java.util.stream.Stream<Instance> instances(DescribeInstancesResponse response) {
        return response.reservations().stream().flatMap(r -> r.instances().stream());
    }
}
