package io.understudy.system;

import io.understudy.contract.EventMetadata;
import io.understudy.contract.FormerMasterPolicy;
import io.understudy.contract.TakeoverCompleted;
import io.understudy.contract.TakeoverKind;
import io.understudy.contract.TakeoverStarted;
import io.understudy.contract.TakeoverStepStarted;
import io.understudy.contract.TakeoverStepSucceeded;
import io.understudy.haproxy.ServerState;
import io.understudy.schemas.topic.Topic;
import io.understudy.testing.TopicRecords;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Volume;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole of Understudy as an operator runs it: six service processes, a real broker and registry, moto's EC2
 * server and a real HAProxy on every instance. Failures are real (the instance's HAProxy is killed) and every
 * assertion reads the outside world: EC2's answers, HAProxy's server state, records on the public topic.
 */
class TakeoverIT {
    private static final Duration TAKEOVER_DEADLINE = Duration.ofSeconds(120);

    @RegisterExtension
    static final UnderstudyRun run = UnderstudyRun.everyService(workDir());

    private static Path workDir() {
        return Repository.target().resolve("takeover-it");
    }

    private static TestEnvironment watchedEnvironment() throws Exception {
        return watchedEnvironment(FormerMasterPolicy.KEEP_STOPPED);
    }

    private static TestEnvironment watchedEnvironment(FormerMasterPolicy policy) throws Exception {
        TestEnvironment environment = run.newEnvironment();
        TopicRecords.of(Topic.OPERATOR_COMMANDS).send(environment.id, environment.registration(policy));
        TopicRecords.awaitWatched(environment.id, Duration.ofSeconds(60));
        return environment;
    }

    /** Each former-master policy once: what becomes of the fenced master is the environment's choice. */
    @ParameterizedTest(name = "former master {0}")
    @EnumSource(FormerMasterPolicy.class)
    void aFailedMasterIsTakenOverBySlaveWithItsAddressDataAndDuties(FormerMasterPolicy policy) throws Exception {
        TestEnvironment environment = watchedEnvironment(policy);
        Ec2Client ec2 = run.infrastructure().ec2();

        environment.apps.get(environment.masterId).kill();

        List<SpecificRecord> events = awaitCompletion(environment.id);
        run.invariants().assertHeld();
        TakeoverCompleted completed = completion(events);
        assertThat(completed.getKind()).isEqualTo(TakeoverKind.MASTER_TAKEOVER);
        String newMaster = completed.getNewMasterInstanceId();
        String replacement = completed.getReplacementInstanceId();
        assertThat(environment.slaveIds).contains(newMaster);
        String survivingSlave = environment.slaveIds.stream().filter(s -> !s.equals(newMaster)).findFirst().orElseThrow();

        assertThat(ec2.describeAddresses(r -> r.allocationIds(environment.allocationId)).addresses().get(0).instanceId())
                .as("Elastic IP association").isEqualTo(newMaster);

        List<Volume> attachedToNewMaster = ec2.describeVolumes(r -> r.filters(f -> f.name("attachment.instance-id").values(newMaster))).volumes();
        Set<String> snapshotsOfMasterData = ec2.describeSnapshots(r -> r.filters(f -> f.name("volume-id").values(environment.dataVolumeId)))
                .snapshots().stream().map(s -> s.snapshotId()).collect(Collectors.toSet());
        assertThat(snapshotsOfMasterData).as("snapshots of the failed master's data volume").isNotEmpty();
        assertThat(attachedToNewMaster).as("volumes attached to the new master")
                .anySatisfy(v -> {
                    assertThat(snapshotsOfMasterData).contains(v.snapshotId());
                    assertThat(v.attachments().get(0).device()).isEqualTo(TestEnvironment.DATA_DEVICE);
                });

        Instance former = instance(ec2, environment.masterId);
        switch (policy) {
            case KEEP_STOPPED -> assertThat(former.state().nameAsString()).as("failed master").isEqualTo("stopped");
            case TERMINATE -> assertThat(former.state().nameAsString()).as("failed master").isEqualTo("terminated");
            case KEEP_AS_UTILITY -> {
                assertThat(former.state().nameAsString()).as("failed master").isEqualTo("running");
                assertThat(tag(former, "understudy:role")).isEqualTo("utility");
            }
        }
        assertThat(tag(instance(ec2, newMaster), "understudy:role")).isEqualTo("app_master");
        Instance booted = instance(ec2, replacement);
        assertThat(booted.imageId()).as("replacement image").isEqualTo(TestEnvironment.IMAGE);
        assertThat(booted.state().nameAsString()).isEqualTo("running");
        assertThat(tag(booted, "understudy:role")).isEqualTo("app_slave");

        assertThat(serverNames(environment, newMaster)).as("servers in the new master's HAProxy")
                .containsExactlyInAnyOrder(newMaster, survivingSlave, replacement);

        Set<String> steps = new HashSet<>(Set.of("fence", "snapshot", "volume", "attach", "proxy", "pivot", "role", "replacement", "rejoin"));
        steps.addAll(switch (policy) {
            case KEEP_STOPPED -> Set.of();
            case TERMINATE -> Set.of("retire");
            case KEEP_AS_UTILITY -> Set.of("retire", "restart");
        });
        assertPublicTimeline(events, completed, steps);
    }

    @Test
    void aFailedSlaveIsReplacedWithoutATakeover() throws Exception {
        TestEnvironment environment = watchedEnvironment();
        Ec2Client ec2 = run.infrastructure().ec2();
        String failedSlave = environment.slaveIds.get(0);
        String survivingSlave = environment.slaveIds.get(1);

        environment.apps.get(failedSlave).kill();

        List<SpecificRecord> events = awaitCompletion(environment.id);
        run.invariants().assertHeld();
        TakeoverCompleted completed = completion(events);
        assertThat(completed.getKind()).isEqualTo(TakeoverKind.SLAVE_REPLACEMENT);
        String replacement = completed.getReplacementInstanceId();

        assertThat(ec2.describeAddresses(r -> r.allocationIds(environment.allocationId)).addresses().get(0).instanceId())
                .as("Elastic IP stays on the master").isEqualTo(environment.masterId);
        assertThat(tag(instance(ec2, environment.masterId), "understudy:role")).isEqualTo("app_master");
        assertThat(instance(ec2, replacement).imageId()).isEqualTo(TestEnvironment.IMAGE);
        assertThat(serverNames(environment, environment.masterId)).as("servers in the master's HAProxy")
                .containsExactlyInAnyOrder(environment.masterId, survivingSlave, replacement);
        assertPublicTimeline(events, completed, Set.of("detach", "replacement", "rejoin"));
    }

    /** The environment's public events up to its first TakeoverCompleted, and that event. */
    private static List<SpecificRecord> awaitCompletion(String environmentId) {
        return TopicRecords.valuesFor(TopicRecords.of(Topic.TAKEOVER_EVENTS).await(all -> {
            run.invariants().failOnViolation();
            return TopicRecords.valuesFor(all, environmentId).stream().anyMatch(r -> r instanceof TakeoverCompleted);
        }, TAKEOVER_DEADLINE), environmentId);
    }

    private static TakeoverCompleted completion(List<SpecificRecord> events) {
        return events.stream().filter(r -> r instanceof TakeoverCompleted).map(TakeoverCompleted.class::cast)
                .findFirst().orElseThrow();
    }

    private static void assertPublicTimeline(List<SpecificRecord> events, TakeoverCompleted completed, Set<String> expectedSteps) {
        String takeoverId = completed.getMeta().getTakeoverId();
        List<SpecificRecord> timeline = events.stream()
                .filter(r -> takeoverId.equals(((EventMetadata) r.get(r.getSchema().getField("meta").pos())).getTakeoverId()))
                .toList();
        assertThat(timeline).as("public events of takeover " + takeoverId).isNotEmpty();
        assertThat(timeline.get(0)).as("first public event").isInstanceOf(TakeoverStarted.class);
        assertThat(timeline.get(timeline.size() - 1)).as("last public event").isInstanceOf(TakeoverCompleted.class);
        assertThat(timeline.stream().filter(r -> r instanceof TakeoverStepStarted).map(r -> ((TakeoverStepStarted) r).getStep()))
                .as("steps started").containsAll(expectedSteps);
        assertThat(timeline.stream().filter(r -> r instanceof TakeoverStepSucceeded).map(r -> ((TakeoverStepSucceeded) r).getStep()))
                .as("steps succeeded").containsAll(expectedSteps);
        assertThat(timeline).filteredOn(r -> r instanceof TakeoverCompleted).hasSize(1);
    }

    /** The servers the instance's HAProxy balances over: those in service (one that left is retired in maintenance). */
    private static Set<String> serverNames(TestEnvironment environment, String instance) {
        return environment.apps.get(instance).runtime().serversState("app").stream()
                .filter(s -> !s.inMaintenance()).map(ServerState::name).collect(Collectors.toSet());
    }

    private static Instance instance(Ec2Client ec2, String instanceId) {
        return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().get(0).instances().get(0);
    }

    private static String tag(Instance instance, String key) {
        return instance.tags().stream().filter(t -> t.key().equals(key)).map(Tag::value).findFirst().orElse(null);
    }
}
