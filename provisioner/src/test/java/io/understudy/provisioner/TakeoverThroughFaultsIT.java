package io.understudy.provisioner;

import io.understudy.ec2.testing.Ec2UnderTest;
import io.understudy.contract.AssociateAddress;
import io.understudy.contract.AttachVolume;
import io.understudy.contract.CreateVolumeFromSnapshot;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.Role;
import io.understudy.contract.RunInstance;
import io.understudy.contract.SnapshotVolume;
import io.understudy.contract.StopInstance;
import io.understudy.ec2.Waits;
import io.understudy.ec2.throttle.ApiBucket;
import io.understudy.ec2.throttle.BucketLimit;
import io.understudy.execution.Outcome;
import io.understudy.ip.pivot.AssociateAddressHandler;
import io.understudy.ip.aws.Ec2ElasticIps;
import io.understudy.provisioner.boot.RunInstanceHandler;
import io.understudy.provisioner.fence.StopInstanceHandler;
import io.understudy.provisioner.aws.Ec2Fleet;
import io.understudy.provisioner.fleet.Fleet;
import io.understudy.provisioner.fleet.ProvisionerSettings;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.LoopbackNetwork;
import io.understudy.testing.faults.Exchange;
import io.understudy.testing.faults.Faults;
import io.understudy.volume.attachment.AttachVolumeHandler;
import io.understudy.volume.aws.Ebs;
import io.understudy.volume.ebs.VolumeSettings;
import io.understudy.volume.restore.CreateVolumeFromSnapshotHandler;
import io.understudy.volume.snapshot.SnapshotVolumeHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Volume;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Several takeovers at once, each the whole EC2 sequence of the three executing services' handlers (fence,
 * snapshot, volume, attach, pivot, replacement), against moto through a proxy that answers a share of calls
 * with RequestLimitExceeded, 503 Unavailable, or slowly. A step whose outcome is retriable is sent again with the
 * same command id, as the orchestrator does. Every takeover must complete, every side effect must reach EC2
 * once, and the shared limiter must keep the rate the proxy sees under the configured buckets.
 */
class TakeoverThroughFaultsIT {
    private static final int TAKEOVERS = 6;
    private static final int TRIES_PER_STEP = 6;
    private static final Faults FAULTS = new Faults(0.2, 0.1, 0.1, Duration.ofMillis(300), 42);
    private static final Map<String, String> LIMITS = Map.of(
            "mutating", "3/1", "run-instances", "2/1", "create-volume", "2/1", "create-snapshot", "2/1",
            "non-mutating", "10/10");
    private static final String ZONE = "us-east-1a";

    private static Ec2Client ec2;
    private static Ec2UnderTest understudy;
    private static LoopbackNetwork network;

    @BeforeAll
    static void cloud() {
        ec2 = Infrastructure.get().ec2();
        understudy = Ec2UnderTest.start(FAULTS, LIMITS, 8);
        network = LoopbackNetwork.create(ec2, ZONE);
    }

    @AfterAll
    static void stop() {
        understudy.close();
    }

    /** What one environment looks like before its master fails, made straight in moto. */
    private record Scene(String environment, String master, String candidate, String dataVolume, String allocationId) {
        static Scene make() {
            String environment = "shop-" + UUID.randomUUID();
            String master = launch(environment);
            String candidate = launch(environment);
            String volume = ec2.createVolume(r -> r.availabilityZone(ZONE).size(8)
                    .tagSpecifications(ownedBy(ResourceType.VOLUME, environment))).volumeId();
            ec2.attachVolume(r -> r.volumeId(volume).instanceId(master).device("/dev/sdf"));
            String allocation = ec2.allocateAddress(r -> r.domain(DomainType.VPC)
                    .tagSpecifications(ownedBy(ResourceType.ELASTIC_IP, environment))).allocationId();
            ec2.associateAddress(r -> r.allocationId(allocation).instanceId(master));
            return new Scene(environment, master, candidate, volume, allocation);
        }

        private static String launch(String environment) {
            return ec2.runInstances(r -> r.imageId("ami-12c6146b").minCount(1).maxCount(1).subnetId(network.subnetId())
                            .tagSpecifications(ownedBy(ResourceType.INSTANCE, environment)))
                    .instances().get(0).instanceId();
        }

        /** What an operator tags before registering: every resource of the environment carries its id. */
        private static TagSpecification ownedBy(ResourceType type, String environment) {
            return TagSpecification.builder().resourceType(type)
                    .tags(Tag.builder().key("understudy:environment").value(environment).build()).build();
        }
    }

    /** The command ids of one takeover, so that EC2's state can be checked per command afterwards. */
    private record Done(Scene scene, String snapshotCommand, String snapshotId, String volumeId, String replacement) {
    }

    @Test
    void takeoversCompleteOnceEachUnderTheBucketsWhileEc2Throttles() throws Exception {
        List<Scene> scenes = new ArrayList<>();
        for (int i = 0; i < TAKEOVERS; i++) {
            scenes.add(Scene.make());
        }
        long start = System.nanoTime();
        List<Done> done = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(TAKEOVERS);
        try {
            List<Future<Done>> running = scenes.stream().map(s -> pool.submit(() -> takeover(s))).toList();
            for (Future<Done> takeover : running) {
                done.add(takeover.get());
            }
        } finally {
            pool.shutdownNow();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        done.forEach(TakeoverThroughFaultsIT::eachSideEffectOnce);
        Set<String> once = Set.of("StopInstances", "CreateSnapshot", "CreateVolume", "AttachVolume", "DisassociateAddress",
                "AssociateAddress", "RunInstances");
        for (String action : once) {
            assertThat(understudy.proxy().reachedEc2(action)).as(action + " calls that reached EC2").isEqualTo(TAKEOVERS);
        }
        List<Exchange> exchanges = understudy.proxy().exchanges();
        long throttled = exchanges.stream().filter(e -> e.answer() == Exchange.Answer.THROTTLED).count();
        long unavailable = exchanges.stream().filter(e -> e.answer() == Exchange.Answer.UNAVAILABLE).count();
        long slow = exchanges.stream().filter(e -> e.answer() == Exchange.Answer.SLOW).count();

        System.out.printf("%d takeovers through the faulty proxy in %d ms: %d requests, %d RequestLimitExceeded, "
                        + "%d Unavailable, %d slow; %d ms waited for tokens%n", TAKEOVERS, took.toMillis(),
                exchanges.size(), throttled, unavailable, slow, understudy.limiter().waited().toMillis());
        assertThat(throttled).as("RequestLimitExceeded answers").isPositive();
        assertThat(unavailable).as("503 Unavailable answers").isPositive();
        assertThat(understudy.limiter().waited()).as("time spent waiting for tokens").isPositive();
        for (ApiBucket bucket : ApiBucket.values()) {
            withinBucket(bucket, exchanges);
        }
    }

    /** In any window of W seconds a bucket lets through at most capacity + refill × W (plus one for arrival jitter). */
    private static void withinBucket(ApiBucket bucket, List<Exchange> exchanges) {
        BucketLimit limit = understudy.limiter().limit(bucket);
        Set<String> actions = exchanges.stream().map(Exchange::action).filter(a -> ApiBucket.of(a) == bucket)
                .collect(Collectors.toSet());
        for (int seconds : new int[]{1, 5}) {
            int busiest = understudy.proxy().busiestWindow(actions, Duration.ofSeconds(seconds));
            long allowed = limit.capacity() + limit.refillPerSecond() * seconds + 1;
            System.out.printf("bucket %-15s %-6s busiest %ds window: %3d requests (bucket allows %d)%n",
                    bucket.key(), limit, seconds, busiest, allowed - 1);
            assertThat(busiest).as(bucket.key() + " requests in the busiest " + seconds + " s").isLessThanOrEqualTo((int) allowed);
        }
    }

    private Done takeover(Scene scene) {
        Fleet fleet = new Ec2Fleet(understudy.client(), new Waits(Duration.ofMillis(100)));
        ProvisionerSettings provisioning = new ProvisionerSettings();
        provisioning.setBootTimeout(Duration.ofSeconds(30));
        provisioning.setStopTimeout(Duration.ofSeconds(30));
        VolumeSettings volumes = new VolumeSettings();
        volumes.setSnapshotTimeout(Duration.ofSeconds(30));
        volumes.setVolumeTimeout(Duration.ofSeconds(30));
        Ebs ebs = new Ebs(understudy.client(), new Waits(Duration.ofMillis(100)), volumes);

        String fence = id(scene, "fence");
        step("fence", () -> new StopInstanceHandler(fleet, provisioning).handle(StopInstance.newBuilder()
                .setMeta(meta(scene, fence)).setInstanceId(scene.master()).setForce(true).setFence(true).build()));
        String snapshotCommand = id(scene, "snapshot");
        String snapshotId = step("snapshot", () -> new SnapshotVolumeHandler(ebs).handle(SnapshotVolume.newBuilder()
                .setMeta(meta(scene, snapshotCommand)).setVolumeId(scene.dataVolume()).build())).outputs().get("snapshotId");
        String restore = id(scene, "restore");
        String volumeId = step("restore", () -> new CreateVolumeFromSnapshotHandler(ebs).handle(CreateVolumeFromSnapshot.newBuilder()
                .setMeta(meta(scene, restore)).setSnapshotId(snapshotId).setAvailabilityZone(ZONE).build())).outputs().get("volumeId");
        String attach = id(scene, "attach");
        step("attach", () -> new AttachVolumeHandler(ebs).handle(AttachVolume.newBuilder().setMeta(meta(scene, attach))
                .setVolumeId(volumeId).setInstanceId(scene.candidate()).setDevice("/dev/sdf").build()));
        String pivot = id(scene, "pivot");
        step("pivot", () -> new AssociateAddressHandler(new Ec2ElasticIps(understudy.client()), new Waits(Duration.ofMillis(100)),
                Duration.ofSeconds(10)).handle(AssociateAddress.newBuilder().setMeta(meta(scene, pivot))
                .setAllocationId(scene.allocationId()).setInstanceId(scene.candidate())
                .setExpectedHolders(List.of(scene.master())).build()));
        String replace = id(scene, "replacement");
        String replacement = step("replacement", () -> new RunInstanceHandler(fleet, provisioning).handle(RunInstance.newBuilder()
                .setMeta(meta(scene, replace)).setImageId("ami-12c6146b").setStackVersion("stack-7").setAvailabilityZone(ZONE)
                .setSubnetId(network.subnetId()).setRole(Role.APP_SLAVE).build())).outputs().get("instanceId");
        return new Done(scene, snapshotCommand, snapshotId, volumeId, replacement);
    }

    /** Sends the same command again while its outcome is retriable, as the orchestrator would. */
    private static Outcome step(String name, Supplier<Outcome> handle) {
        List<String> failures = new ArrayList<>();
        for (int attempt = 1; attempt <= TRIES_PER_STEP; attempt++) {
            Outcome outcome = handle.get();
            if (outcome.succeeded()) {
                return outcome;
            }
            failures.add(outcome.error());
            if (!outcome.retriable()) {
                break;
            }
        }
        return fail("step " + name + " did not complete: " + failures);
    }

    private static void eachSideEffectOnce(Done done) {
        Scene scene = done.scene();
        assertThat(ec2.describeSnapshots(r -> r.filters(tag("understudy:command", done.snapshotCommand()))).snapshots())
                .as("snapshots of " + scene.environment()).hasSize(1);
        List<Volume> restored = ec2.describeVolumes(r -> r.filters(f -> f.name("snapshot-id").values(done.snapshotId()))).volumes();
        assertThat(restored).as("volumes from " + done.snapshotId()).singleElement().satisfies(v -> {
            assertThat(v.volumeId()).isEqualTo(done.volumeId());
            assertThat(v.attachments()).singleElement().satisfies(a -> {
                assertThat(a.instanceId()).isEqualTo(scene.candidate());
                assertThat(a.device()).isEqualTo("/dev/sdf");
            });
        });
        assertThat(ec2.describeAddresses(r -> r.allocationIds(scene.allocationId())).addresses().get(0).instanceId())
                .isEqualTo(scene.candidate());
        Instance master = ec2.describeInstances(r -> r.instanceIds(scene.master())).reservations().get(0).instances().get(0);
        assertThat(master.state().name()).isEqualTo(InstanceStateName.STOPPED);
        assertThat(master.tags()).as("tags of the fenced master " + scene.master())
                .anySatisfy(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("understudy:role=fenced"));
        assertThat(ec2.describeInstances(r -> r.filters(tag("understudy:environment", scene.environment()),
                        Filter.builder().name("instance-state-name").values("pending", "running").build()))
                .reservations().stream().flatMap(r -> r.instances().stream()).map(i -> i.instanceId()))
                .as("running instances of " + scene.environment() + ": the candidate and the one booted")
                .containsExactlyInAnyOrder(scene.candidate(), done.replacement());
    }

    private static Filter tag(String key, String value) {
        return Filter.builder().name("tag:" + key).values(value).build();
    }

    private static String id(Scene scene, String step) {
        return scene.environment() + ":" + step;
    }

    private static EventMetadata meta(Scene scene, String commandId) {
        return EventMetadata.newBuilder().setEventId(commandId).setEnvironmentId(scene.environment()).setTakeoverId("t-1")
                .setOccurredAt(Instant.now()).setProducer("test").build();
    }
}
