package io.understudy.crash;

import io.understudy.contract.AssociateAddress;
import io.understudy.contract.CommandResult;
import io.understudy.contract.CreateVolumeFromSnapshot;
import io.understudy.contract.RunInstance;
import io.understudy.contract.DeadLetter;
import io.understudy.contract.EnvironmentState;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.InstanceFailed;
import io.understudy.contract.TakeoverCompleted;
import io.understudy.contract.TakeoverStepCompensated;
import io.understudy.contract.TakeoverStepFailed;
import io.understudy.contract.TakeoverStepStarted;
import io.understudy.invariants.WholeRun;
import io.understudy.schemas.registry.HttpSchemaRegistryClient;
import io.understudy.schemas.serde.AvroSerializer;
import io.understudy.schemas.topic.Topic;
import io.understudy.testing.services.ServiceProcess;
import io.understudy.testing.CommandAnswers;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.InstancePorts;
import io.understudy.testing.TopicRecords;
import io.understudy.testing.faults.Faults;
import io.understudy.testing.faults.FaultyEc2Proxy;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Volume;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * A takeover survives the hard death of any service in the middle of it: the orchestrator, and in turn each
 * executing service, is killed with SIGKILL after a random number of the takeover's public events, and started
 * again; the takeover completes exactly once, and EC2 (moto) shows one new volume, one replacement instance and the
 * Elastic IP on the new master. Real broker, registry, moto and HAProxy processes; the failure is declared by the
 * test on the health topic, so the moment is the test's to choose.
 */
class TakeoverCrashIT {
    private static final Duration DEADLINE = Duration.ofSeconds(240);
    private static final long SEED = Long.getLong("crash.seed", System.nanoTime());
    private static final Random RANDOM = new Random(SEED);

    private static Infrastructure infrastructure;
    private static FaultyEc2Proxy ec2Proxy;
    private static Services services;
    private static InstancePorts ports;
    private static WholeRun invariants;
    private static final List<Stage> stages = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        System.out.println("crash seed " + SEED + " (rerun the same kill points with -Dcrash.seed=" + SEED + ")");
        infrastructure = Infrastructure.get();
        infrastructure.createTopics();
        // the checker reads moto itself, not through the proxy: what it sees must not depend on the proxy's hooks
        invariants = WholeRun.start(infrastructure.newEc2Client());
        ports = InstancePorts.pickFree();
        // no faults but the refusals a test asks for: the proxy is there to kill a service between what EC2 did and
        // the service hearing of it
        ec2Proxy = FaultyEc2Proxy.start(infrastructure.ec2Endpoint(), Faults.none());
        services = Services.start(infrastructure, ports, workDir(), ec2Proxy.endpoint());
    }

    @AfterAll
    static void stop() {
        stages.forEach(Stage::close);
        if (services != null) {
            services.close();
        }
        if (ec2Proxy != null) {
            ec2Proxy.close();
        }
        if (invariants != null) {
            invariants.close();
        }
    }

    /** Short: HAProxy's master socket lives below it, and a unix socket path holds 108 bytes. */
    private static Path workDir() {
        return ServiceProcess.root().resolve("crash-tests").resolve("target").resolve("c" + Math.floorMod(SEED, 100_000));
    }

    @ParameterizedTest(name = "{0} killed")
    @ValueSource(strings = {"takeover-orchestrator", "volume-manager", "provisioner", "ip-manager", "proxy-configurator"})
    void aServiceKilledHardMidTakeoverStillCompletesItExactlyOnce(String victim) throws Exception {
        Stage stage = watched(false);
        Predicate<List<SpecificRecord>> killPoint = killPoint(victim);

        declareFailed(stage, stage.masterId);
        List<SpecificRecord> before = TopicRecords.valuesFor(TopicRecords.of(Topic.TAKEOVER_EVENTS).await(all -> {
            invariants.failOnViolation();
            return killPoint.test(TopicRecords.valuesFor(all, stage.id))
                    || TopicRecords.valuesFor(all, stage.id).stream().anyMatch(r -> r instanceof TakeoverCompleted);
        }, DEADLINE), stage.id);
        services.killAndRestart(victim);
        boolean completedFirst = before.stream().anyMatch(r -> r instanceof TakeoverCompleted);
        System.out.println(victim + " killed after " + before.size() + " public events of " + stage.id
                + (completedFirst ? " (the takeover had completed already)" : ""));
        assumeFalse(completedFirst, "the takeover completed before the kill: nothing shown, seed " + SEED);

        TakeoverCompleted completed = awaitCompletion(stage.id);
        assertTakenOverExactlyOnce(stage, completed);
    }

    /** A failure declared while the orchestrator is dead is not lost: it is taken over once the orchestrator is back. */
    @Test
    void aFailureDeclaredWhileTheOrchestratorIsDownIsTakenOverOnceItIsBack() throws Exception {
        Stage stage = watched(false);
        services.kill("takeover-orchestrator");

        declareFailed(stage, stage.masterId);
        services.restart("takeover-orchestrator");

        TakeoverCompleted completed = awaitCompletion(stage.id);
        assertTakenOverExactlyOnce(stage, completed);
    }

    /**
     * The narrowest gap there is: EC2 has carried out what a service asked, and the service is killed before the
     * answer reaches it, so it has recorded nothing. Started again and handed the same command, it must find the
     * effect (by the command's tag; moto, unlike EC2, ignores client tokens) instead of making it a second time.
     */
    @ParameterizedTest(name = "{0} killed after EC2 carried out {1}")
    @CsvSource({"volume-manager, CreateSnapshot", "volume-manager, CreateVolume", "provisioner, RunInstances",
            "ip-manager, AssociateAddress"})
    void aServiceKilledAfterEc2ActedButBeforeHearingSoDoesNotActTwice(String victim, String action) throws Exception {
        Stage stage = watched(false);
        CountDownLatch killed = new CountDownLatch(1);
        ec2Proxy.onceAfter(action, () -> {
            try {
                services.kill(victim);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            killed.countDown();
        });

        declareFailed(stage, stage.masterId);
        boolean inTheGap = killed.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(inTheGap).as(victim + " killed after EC2 carried out " + action).isTrue();
        services.restart(victim);

        TakeoverCompleted completed = awaitCompletion(stage.id);
        assertTakenOverExactlyOnce(stage, completed);
        assertThat(infrastructure.ec2().describeSnapshots(r -> r.ownerIds("self")
                        .filters(f -> f.name("tag:understudy:environment").values(stage.id))).snapshots())
                .as("snapshots of the master's data").hasSize(1);
    }

    /**
     * An executing service dies right after one of its steps was started (a random one of them): while its command
     * is on its way, being carried out, or answered but not yet committed. The orchestrator dies after a random
     * number of the takeover's public events.
     */
    private static Predicate<List<SpecificRecord>> killPoint(String victim) {
        List<String> steps = switch (victim) {
            case "volume-manager" -> List.of("snapshot", "volume", "attach");
            case "provisioner" -> List.of("fence", "replacement", "role");
            case "ip-manager" -> List.of("pivot");
            case "proxy-configurator" -> List.of("proxy", "rejoin");
            default -> List.of();
        };
        if (steps.isEmpty()) {
            int after = 1 + RANDOM.nextInt(16);
            return events -> events.size() >= after;
        }
        String step = steps.get(RANDOM.nextInt(steps.size()));
        return events -> events.stream().anyMatch(e -> e instanceof TakeoverStepStarted started && started.getStep().equals(step));
    }

    @Test
    void aVolumeThatCannotBeAttachedIsDeletedAndTheNextCandidateTakesOver() throws Exception {
        Stage stage = watched(true);

        declareFailed(stage, stage.masterId);

        assertUndoneAndTakenOverByTheNextCandidate(stage);
    }

    @Test
    void anOrchestratorKilledWhileUndoingFinishesTheUndoAndTheTakeover() throws Exception {
        Stage stage = watched(true);

        declareFailed(stage, stage.masterId);
        TopicRecords.of(Topic.TAKEOVER_EVENTS).await(all -> TopicRecords.valuesFor(all, stage.id).stream()
                .anyMatch(e -> e instanceof TakeoverStepFailed f && !f.getRetriable()), DEADLINE);
        services.killAndRestart("takeover-orchestrator");

        assertUndoneAndTakenOverByTheNextCandidate(stage);
    }

    private static void assertUndoneAndTakenOverByTheNextCandidate(Stage stage) {
        TakeoverCompleted completed = awaitCompletion(stage.id);
        assertThat(completed.getNewMasterInstanceId()).isNotEqualTo(stage.unattachable).isIn(stage.slaveIds);
        List<SpecificRecord> events = TopicToEnd.values(infrastructure, Topic.TAKEOVER_EVENTS, stage.id);
        assertThat(events).filteredOn(e -> e instanceof TakeoverStepFailed f && !f.getRetriable())
                .extracting(e -> ((TakeoverStepFailed) e).getStep()).containsExactly("attach");
        assertThat(events).filteredOn(e -> e instanceof TakeoverStepCompensated)
                .extracting(e -> ((TakeoverStepCompensated) e).getStep()).containsExactly("attach", "volume", "proxy");
        assertTakenOverExactlyOnce(stage, completed);
    }

    @Test
    void redeliveredCommandsAreAnsweredFromTheLedgerWithoutASecondEffect() throws Exception {
        Stage stage = watched(false);
        declareFailed(stage, stage.masterId);
        TakeoverCompleted completed = awaitCompletion(stage.id);

        Map<Topic, SpecificRecord> redelivered = Map.of(
                Topic.VOLUME_COMMANDS, commandOf(Topic.VOLUME_COMMANDS, stage.id, CreateVolumeFromSnapshot.class),
                Topic.PROVISIONER_COMMANDS, commandOf(Topic.PROVISIONER_COMMANDS, stage.id, RunInstance.class),
                Topic.IP_COMMANDS, commandOf(Topic.IP_COMMANDS, stage.id, AssociateAddress.class));
        redelivered.forEach((topic, command) -> TopicRecords.of(topic).send(stage.id, command));

        for (SpecificRecord command : redelivered.values()) {
            String commandId = metaOf(command).getEventId();
            List<CommandResult> answers = CommandAnswers.await(commandId, 2, DEADLINE);
            assertThat(answers).as("answers to " + commandId).hasSize(2);
            assertThat(answers.get(1)).as("the recorded answer, time included").isEqualTo(answers.get(0));
        }
        assertTakenOverExactlyOnce(stage, completed);
    }

    private static SpecificRecord commandOf(Topic topic, String environment, Class<? extends SpecificRecord> type) {
        return TopicRecords.of(topic).await(all -> all.stream().anyMatch(r -> environment.equals(r.key()) && type.isInstance(r.value())), DEADLINE)
                .stream().filter(r -> environment.equals(r.key()) && type.isInstance(r.value())).map(ConsumerRecord::value)
                .findFirst().orElseThrow();
    }


    private static EventMetadata metaOf(SpecificRecord record) {
        return (EventMetadata) record.get(record.getSchema().getField("meta").pos());
    }

    @Test
    void poisonIsDeadLetteredAndTheNextInputIsTakenIn() throws Exception {
        Stage stage = watched(false);
        byte[] key = stage.id.getBytes(StandardCharsets.UTF_8);
        byte[] notAvro = "{\"instanceId\": \"i-1\"}".getBytes(StandardCharsets.UTF_8);
        byte[] unknownSchema = ByteBuffer.allocate(8).put((byte) 0).putInt(987_654).put(new byte[]{2, 4, 6}).array();
        TopicRecords health = TopicRecords.of(Topic.HEALTH_EVENTS);
        health.sendRaw(key, notAvro);
        health.sendRaw(key, unknownSchema);
        // a valid record that makes no sense here: a command result on the health topic
        CommandResult misplaced = CommandResult.newBuilder().setMeta(meta(stage.id, "misplaced")).setCommandId("x")
                .setCommand("StopInstance").setOutcome(io.understudy.contract.CommandOutcome.SUCCEEDED).build();
        health.sendRaw(key, new AvroSerializer(new HttpSchemaRegistryClient(infrastructure.registryUrl()))
                .serialize(Topic.HEALTH_EVENTS.topicName, misplaced));

        declareFailed(stage, stage.masterId);

        TakeoverCompleted completed = awaitCompletion(stage.id);
        assertTakenOverExactlyOnce(stage, completed);
        List<DeadLetter> letters = TopicRecords.of(Topic.DEAD_LETTERS).await(all -> lettersOf(all, stage.id).size() >= 3, DEADLINE)
                .stream().filter(r -> stage.id.equals(r.key())).map(r -> (DeadLetter) r.value()).toList();
        assertThat(letters).allSatisfy(l -> {
            assertThat(l.getService()).isEqualTo("takeover-orchestrator");
            assertThat(l.getSourceTopic()).isEqualTo(Topic.HEALTH_EVENTS.topicName);
        });
        assertThat(letters).extracting(DeadLetter::getValue).contains(ByteBuffer.wrap(notAvro), ByteBuffer.wrap(unknownSchema));
        assertThat(letters).extracting(DeadLetter::getReason).anySatisfy(r -> assertThat(r).contains("987654"));
    }

    private static List<ConsumerRecord<String, SpecificRecord>> lettersOf(List<ConsumerRecord<String, SpecificRecord>> all, String environment) {
        return all.stream().filter(r -> environment.equals(r.key()) && r.value() instanceof DeadLetter).toList();
    }

    private static Stage watched(boolean withUnattachable) {
        Stage stage = Stage.create(infrastructure.ec2(), ports, workDir().resolve("i"), withUnattachable);
        if (withUnattachable) {
            // as EC2 answers for an instance it no longer has: a permanent failure of the attach step
            ec2Proxy.failWhen("AttachVolume", form -> form.contains("InstanceId=" + stage.unattachable),
                    "InvalidInstanceID.NotFound", 400);
        }
        stages.add(stage);
        invariants.watch(stage.id, stage.allocationId);
        TopicRecords.of(Topic.OPERATOR_COMMANDS).send(stage.id, stage.registration());
        TopicRecords.awaitWatched(stage.id, DEADLINE);
        return stage;
    }

    private static EventMetadata meta(String environment, String eventId) {
        return EventMetadata.newBuilder().setEventId(eventId + "-" + UUID.randomUUID()).setEnvironmentId(environment)
                .setOccurredAt(Instant.now()).setProducer("crash-test").build();
    }

    /** The instance really dies, and the failure is declared as the health monitor would. */
    private static void declareFailed(Stage stage, String instanceId) {
        stage.kill(instanceId);
        TopicRecords.of(Topic.HEALTH_EVENTS).send(stage.id, InstanceFailed.newBuilder()
                .setMeta(meta(stage.id, "failed")).setInstanceId(instanceId).setReason("declared by the crash test").build());
    }

    private static TakeoverCompleted awaitCompletion(String environment) {
        return TopicRecords.of(Topic.TAKEOVER_EVENTS).await(all -> {
                    invariants.failOnViolation();
                    return TopicRecords.valuesFor(all, environment).stream().anyMatch(r -> r instanceof TakeoverCompleted);
                }, DEADLINE).stream()
                .filter(r -> environment.equals(r.key()) && r.value() instanceof TakeoverCompleted)
                .map(r -> (TakeoverCompleted) r.value()).findFirst().orElseThrow();
    }

    /** What the outside world shows after the takeover: each effect once, whatever was killed on the way. */
    private static void assertTakenOverExactlyOnce(Stage stage, TakeoverCompleted completed) {
        invariants.assertHeld();
        Ec2Client ec2 = infrastructure.ec2();
        String newMaster = completed.getNewMasterInstanceId();
        List<SpecificRecord> events = TopicToEnd.values(infrastructure, Topic.TAKEOVER_EVENTS, stage.id);
        assertThat(events).filteredOn(e -> e instanceof TakeoverCompleted).as("TakeoverCompleted on the public topic").hasSize(1);

        assertThat(ec2.describeAddresses(r -> r.allocationIds(stage.allocationId)).addresses())
                .as("associations of the Elastic IP").singleElement()
                .satisfies(a -> assertThat(a.instanceId()).isEqualTo(newMaster));

        List<Volume> restored = ec2.describeVolumes(r -> r.filters(f -> f.name("tag:understudy:environment").values(stage.id)))
                .volumes().stream().filter(v -> v.snapshotId() != null && !v.snapshotId().isEmpty()).toList();
        assertThat(restored).as("volumes restored from the master's snapshot").singleElement().satisfies(v ->
                assertThat(v.attachments()).singleElement().satisfies(a -> assertThat(a.instanceId()).isEqualTo(newMaster)));

        List<Instance> booted = ec2.describeInstances(r -> r.filters(f -> f.name("tag:understudy:environment").values(stage.id)))
                .reservations().stream().flatMap(r -> r.instances().stream())
                .filter(i -> !stage.ec2Instances().contains(i.instanceId())).toList();
        assertThat(booted).as("instances booted for the environment").singleElement()
                .satisfies(i -> assertThat(i.instanceId()).isEqualTo(completed.getReplacementInstanceId()));
    }
}
