package io.understudy.system;

import io.understudy.contract.DeadLetter;
import io.understudy.contract.EnvironmentPaused;
import io.understudy.contract.EnvironmentState;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.PauseEnvironment;
import io.understudy.contract.PlannedTakeover;
import io.understudy.contract.TakeoverStarted;
import io.understudy.schemas.topic.Topic;
import io.understudy.testing.OperatorCertificates;
import io.understudy.testing.TopicRecords;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "An operator's planned takeover, pause or registration is recorded with the authenticated principal, not a
 * self-declared name": the orchestrator process, configured as the suite's services are, acts on an operator command
 * only when the suite's operator signed it, and records the certificate's name as who asked. The same command unsigned,
 * signed by an operator of another authority, or changed after it was signed, is dead-lettered and never acted on.
 * Each bad command is written before the good one, on the same environment's partition, so once the good one is acted
 * on the bad ones have been read: what they would have done can be looked for and not found.
 */
class OperatorSignaturesIT {
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    /** What every command claims in meta.producer: the orchestrator must not believe it. */
    private static final String SELF_DECLARED = "mallory-says-she-is-the-operator";

    @RegisterExtension
    static final UnderstudyRun run = UnderstudyRun.allButTheMonitor(workDir());

    @Test
    void onlyTheOperatorsSignedPauseIsActedOnAndItRecordsTheSignerNotTheClaimedName() throws Exception {
        TestEnvironment environment = watchedEnvironment();

        writeForgeries(environment.id, reason -> pause(environment.id, reason));
        TopicRecords.of(Topic.OPERATOR_COMMANDS).send(environment.id, pause(environment.id, "signed by the operator"));

        EnvironmentState paused = (EnvironmentState) TopicRecords.valuesFor(TopicRecords.of(Topic.ENVIRONMENT_STATE).await(all ->
                TopicRecords.valuesFor(all, environment.id).stream().anyMatch(r -> r instanceof EnvironmentState s
                        && s.getPausedSince() != null), DEADLINE), environment.id).stream()
                .filter(r -> r instanceof EnvironmentState s && s.getPausedSince() != null).findFirst().orElseThrow();
        assertThat(paused.getPausedBy()).as("who paused, in the state").isEqualTo(OperatorCertificates.OPERATOR);
        assertThat(paused.getPauseReason()).isEqualTo("signed by the operator");
        assertThat(values(Topic.ENVIRONMENT_STATE, environment.id)).as("states of " + environment.id)
                .allSatisfy(r -> assertThat(((EnvironmentState) r).getPauseReason()).isIn(null, "signed by the operator"));
        assertThat(values(Topic.TAKEOVER_EVENTS, environment.id)).as("public events of " + environment.id)
                .filteredOn(EnvironmentPaused.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((EnvironmentPaused) e).getRequestedBy()).isEqualTo(OperatorCertificates.OPERATOR));
        assertThat(values(Topic.SAGA_JOURNAL, environment.id)).as("pauses in the journal of " + environment.id)
                .filteredOn(PauseEnvironment.class::isInstance).singleElement()
                .satisfies(p -> assertThat(((PauseEnvironment) p).getMeta().getProducer()).isEqualTo(OperatorCertificates.OPERATOR));
        assertForgeriesDeadLettered(environment.id);
        run.invariants().assertHeld();
    }

    @Test
    void onlyTheOperatorsSignedPlannedTakeoverIsActedOnAndAsksAsTheSigner() throws Exception {
        TestEnvironment environment = watchedEnvironment();
        String slave = environment.slaveIds.get(0);

        writeForgeries(environment.id, reason -> plannedTakeover(environment, slave, reason));
        TopicRecords.of(Topic.OPERATOR_COMMANDS).send(environment.id, plannedTakeover(environment, slave, "signed by the operator"));

        List<SpecificRecord> started = TopicRecords.valuesFor(TopicRecords.of(Topic.TAKEOVER_EVENTS).await(all ->
                TopicRecords.valuesFor(all, environment.id).stream().anyMatch(TakeoverStarted.class::isInstance), DEADLINE),
                environment.id).stream().filter(TakeoverStarted.class::isInstance).toList();
        assertThat(started).as("takeovers started in " + environment.id).singleElement().satisfies(s -> {
            TakeoverStarted takeover = (TakeoverStarted) s;
            assertThat(takeover.getFailedInstanceId()).isEqualTo(environment.masterId);
            assertThat(takeover.getReason()).startsWith("signed by the operator")
                    .contains("asked by " + OperatorCertificates.OPERATOR).doesNotContain(SELF_DECLARED);
        });
        assertThat(values(Topic.SAGA_JOURNAL, environment.id)).as("planned takeovers in the journal of " + environment.id)
                .filteredOn(PlannedTakeover.class::isInstance).singleElement()
                .satisfies(p -> assertThat(((PlannedTakeover) p).getMeta().getProducer()).isEqualTo(OperatorCertificates.OPERATOR));
        assertForgeriesDeadLettered(environment.id);
        run.invariants().assertHeld();
    }

    /**
     * The command unsigned, signed by an operator of another authority (same name, even), and signed by the operator
     * but changed afterwards: each with its own reason, which nothing acted on may ever show.
     */
    private static void writeForgeries(String environmentId, Function<String, SpecificRecord> command) {
        TopicRecords commands = TopicRecords.of(Topic.OPERATOR_COMMANDS);
        commands.unsigned().send(environmentId, command.apply("unsigned"));
        commands.signedBy(OperatorCertificates.create("understudy-test-operators-ca", OperatorCertificates.OPERATOR).operator())
                .send(environmentId, command.apply("another authority"));
        ProducerRecord<byte[], byte[]> signed = commands.signed(environmentId, command.apply("as signed"));
        ProducerRecord<byte[], byte[]> changed = commands.signed(environmentId, command.apply("changed after signing"));
        commands.sendRaw(new ProducerRecord<>(signed.topic(), null, signed.key(), changed.value(), signed.headers()));
    }

    private static void assertForgeriesDeadLettered(String environmentId) {
        List<String> reasons = values(Topic.DEAD_LETTERS, environmentId).stream().map(r -> ((DeadLetter) r).getReason()).toList();
        assertThat(reasons).as("dead letters of " + environmentId).hasSize(3);
        assertThat(reasons.get(0)).contains("operator command refused").contains("not signed");
        assertThat(reasons.get(1)).contains("operator command refused").contains("is not an operator's");
        assertThat(reasons.get(2)).contains("operator command refused").contains("does not match this record");
    }

    private static PauseEnvironment pause(String environmentId, String reason) {
        return PauseEnvironment.newBuilder().setMeta(meta(environmentId)).setReason(reason).build();
    }

    private static PlannedTakeover plannedTakeover(TestEnvironment environment, String to, String reason) {
        return PlannedTakeover.newBuilder().setMeta(meta(environment.id)).setInstanceId(environment.masterId)
                .setToInstance(to).setReason(reason).build();
    }

    private static EventMetadata meta(String environmentId) {
        return EventMetadata.newBuilder().setEventId("operator-" + UUID.randomUUID()).setEnvironmentId(environmentId)
                .setOccurredAt(Instant.now()).setProducer(SELF_DECLARED).build();
    }

    private static List<SpecificRecord> values(Topic topic, String environmentId) {
        return TopicRecords.valuesFor(TopicRecords.of(topic).sofar(DEADLINE), environmentId);
    }

    private static TestEnvironment watchedEnvironment() throws Exception {
        TestEnvironment environment = run.newEnvironment();
        TopicRecords.of(Topic.OPERATOR_COMMANDS).send(environment.id, environment.registration());
        TopicRecords.awaitWatched(environment.id, DEADLINE);
        return environment;
    }

    private static Path workDir() {
        return Repository.target().resolve("operator-signatures-it");
    }
}
