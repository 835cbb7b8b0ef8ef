package io.understudy.provisioner.aws;

import io.understudy.ec2.Ec2Errors;
import io.understudy.ec2.Ownership;
import io.understudy.ec2.Provenance;
import io.understudy.ec2.Waits;
import io.understudy.provisioner.boot.LaunchSpec;
import io.understudy.provisioner.fleet.Fleet;
import io.understudy.provisioner.fleet.Instance;
import io.understudy.provisioner.fleet.InstanceState;
import io.understudy.provisioner.placement.Placement;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileSpecification;
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
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** {@link Fleet} on EC2: RunInstances with a client token and tag specifications, the EC2 waiters, DescribeTags. */
@Singleton
public class Ec2Fleet implements Fleet {
    private final Ec2Client ec2;
    private final Waits waits;

    public Ec2Fleet(Ec2Client ec2, Waits waits) {
        this.ec2 = ec2;
        this.waits = waits;
    }

    @Override
    public Optional<Instance> find(String instanceId) {
        try {
            return instances(ec2.describeInstances(r -> r.instanceIds(instanceId))).findFirst().map(Ec2Fleet::toInstance);
        } catch (SdkException e) {
            if (Ec2Errors.hasCode(e, "InvalidInstanceID.NotFound")) {
                return Optional.empty();
            }
            throw Ec2Errors.translated(e);
        }
    }

    @Override
    public Optional<Instance> launchedBy(String commandId) {
        return call(() -> instances(ec2.describeInstances(r -> r.filters(Provenance.madeBy(commandId),
                        Filter.builder().name("instance-state-name").values("pending", "running").build())))
                .min(Comparator.comparing(software.amazon.awssdk.services.ec2.model.Instance::launchTime))
                .map(Ec2Fleet::toInstance));
    }

    @Override
    public Instance launch(LaunchSpec spec) {
        List<Tag> tags = spec.tags().entrySet().stream().map(t -> Provenance.tag(t.getKey(), t.getValue())).toList();
        RunInstancesRequest.Builder request = RunInstancesRequest.builder()
                .imageId(spec.imageId())
                .instanceType(spec.instanceType())
                .minCount(1).maxCount(1)
                .clientToken(spec.clientToken())
                .tagSpecifications(Provenance.on(ResourceType.INSTANCE, tags), Provenance.on(ResourceType.VOLUME, tags));
        if (spec.subnetId().isPresent()) {
            request.subnetId(spec.subnetId().get());
        } else {
            request.placement(software.amazon.awssdk.services.ec2.model.Placement.builder()
                    .availabilityZone(spec.availabilityZone()).build());
        }
        spec.keyName().ifPresent(request::keyName);
        spec.instanceProfile().ifPresent(profile -> request.iamInstanceProfile(profile.startsWith("arn:")
                ? IamInstanceProfileSpecification.builder().arn(profile).build()
                : IamInstanceProfileSpecification.builder().name(profile).build()));
        if (!spec.securityGroupIds().isEmpty()) {
            request.securityGroupIds(spec.securityGroupIds());
        }
        return call(() -> toInstance(ec2.runInstances(request.build()).instances().get(0)));
    }

    @Override
    public void stop(String instanceId, boolean force) {
        call(() -> ec2.stopInstances(r -> r.instanceIds(instanceId).force(force)));
    }

    @Override
    public void start(String instanceId) {
        call(() -> ec2.startInstances(r -> r.instanceIds(instanceId)));
    }

    @Override
    public void terminate(String instanceId) {
        call(() -> ec2.terminateInstances(r -> r.instanceIds(instanceId)));
    }

    @Override
    public void tag(String instanceId, String key, String value) {
        call(() -> ec2.createTags(r -> r.resources(instanceId).tags(Provenance.tag(key, value))));
    }

    @Override
    public Optional<String> tagValue(String instanceId, String key) {
        return call(() -> ec2.describeTags(r -> r.filters(
                        Filter.builder().name("resource-id").values(instanceId).build(),
                        Filter.builder().name("key").values(key).build()))
                .tags().stream().map(TagDescription::value).findFirst());
    }

    @Override
    public Instance awaitRunning(String instanceId, Duration timeout) {
        call(() -> {
            try (Ec2Waiter waiter = waiter(timeout)) {
                return waiter.waitUntilInstanceRunning(r -> r.instanceIds(instanceId));
            }
        });
        return find(instanceId).orElseThrow(() -> new IllegalStateException(instanceId + " vanished after running"));
    }

    @Override
    public void awaitStatusOk(String instanceId, Duration timeout) {
        call(() -> {
            try (Ec2Waiter waiter = waiter(timeout)) {
                waiter.waitUntilInstanceStatusOk(r -> r.instanceIds(instanceId));
                return waiter.waitUntilSystemStatusOk(r -> r.instanceIds(instanceId));
            }
        });
    }

    @Override
    public void awaitStopped(String instanceId, Duration timeout) {
        call(() -> {
            try (Ec2Waiter waiter = waiter(timeout)) {
                return waiter.waitUntilInstanceStopped(r -> r.instanceIds(instanceId));
            }
        });
    }

    @Override
    public void awaitTerminated(String instanceId, Duration timeout) {
        call(() -> {
            try (Ec2Waiter waiter = waiter(timeout)) {
                return waiter.waitUntilInstanceTerminated(r -> r.instanceIds(instanceId));
            }
        });
    }

    @Override
    public List<Placement> subnetGroupOf(String subnetId, String groupTag) {
        return call(() -> {
            Optional<Subnet> named = ec2.describeSubnets(r -> r.subnetIds(subnetId)).subnets().stream().findFirst();
            Optional<String> group = named.flatMap(s -> s.tags().stream().filter(t -> t.key().equals(groupTag))
                    .map(Tag::value).findFirst());
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
        });
    }

    @Override
    public Map<String, Integer> liveByZone(String environmentId) {
        return call(() -> instances(ec2.describeInstances(r -> r.filters(
                        Filter.builder().name("tag:" + Provenance.ENVIRONMENT).values(environmentId).build(),
                        Filter.builder().name("instance-state-name").values("pending", "running").build())))
                .collect(Collectors.groupingBy(i -> i.placement().availabilityZone(), Collectors.summingInt(i -> 1))));
    }

    private Ec2Waiter waiter(Duration timeout) {
        return Ec2Waiter.builder().client(ec2).overrideConfiguration(waits.upTo(timeout)).build();
    }

    private static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw Ec2Errors.translated(e);
        }
    }

    private static Stream<software.amazon.awssdk.services.ec2.model.Instance> instances(DescribeInstancesResponse response) {
        return response.reservations().stream().flatMap(r -> r.instances().stream());
    }

    private static Instance toInstance(software.amazon.awssdk.services.ec2.model.Instance instance) {
        InstanceState state = instance.state() == null ? InstanceState.UNKNOWN
                : InstanceState.of(instance.state().nameAsString());
        return new Instance(instance.instanceId(), state, instance.privateIpAddress(),
                instance.placement() == null ? "" : instance.placement().availabilityZone(), instance.subnetId(),
                instance.imageId(), Ownership.asMap(instance.tags()));
    }
}
