package io.understudy.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.understudy.contract.ElasticIp;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.Instance;
import io.understudy.contract.InstanceFailed;
import io.understudy.contract.InstanceStatus;
import io.understudy.contract.RegisterEnvironment;
import io.understudy.contract.Role;
import io.understudy.contract.TakeoverCompleted;
import io.understudy.contract.TakeoverFailed;
import io.understudy.contract.TakeoverStepCompensated;
import io.understudy.contract.TakeoverStepSucceeded;
import io.understudy.intake.OperatorCommandCheck;
import io.understudy.operator.audit.Replay;
import io.understudy.operator.audit.Timeline;
import io.understudy.operator.audit.Timelines;
import io.understudy.operator.connection.Connection;
import io.understudy.operator.log.EnvironmentLog;
import io.understudy.operator.log.TopicReader;
import io.understudy.schemas.registry.HttpSchemaRegistryClient;
import io.understudy.schemas.access.Principal;
import io.understudy.schemas.topic.Topic;
import io.understudy.takeover.streams.StreamsSettings;
import io.understudy.takeover.streams.TakeoverTopology;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.OperatorCertificates;
import io.understudy.testing.TopicRecords;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The orchestrator's real topology on the real broker runs more than a hundred takeovers, some of them compensated;
 * then the audit replays each environment's journal through decide() and must find the timelines recorded live,
 * event for event, and the recorded final state. A record the saga never wrote is reported as a divergence.
 */
class AuditIT {
    private static final int ENVIRONMENTS = 34;
    /** Two slaves replaced, then the master taken over: three takeovers per environment. */
    private static final int FAILURES_PER_ENVIRONMENT = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Infrastructure infrastructure;
    private static KafkaStreams saga;
    private static ExecutingServices executing;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    static void startTheSaga() {
        infrastructure = Infrastructure.get();
        infrastructure.createTopics();
        // as the orchestrator is deployed: its own principal, under an application id that starts with its name
        StreamsSettings settings = new StreamsSettings("takeover-orchestrator-audit-it-" + RUN,
                infrastructure.kafkaSettings(Principal.TAKEOVER_ORCHESTRATOR).access(),
                infrastructure.registryUrl(), "takeover-orchestrator", 1,
                Path.of("target", "audit-it-state-" + RUN).toAbsolutePath(), Duration.ZERO, Duration.ofMillis(10), Duration.ZERO);
        // operator commands checked as the orchestrator checks them: signed by the suite's operators
        saga = new KafkaStreams(TakeoverTopology.build(new HttpSchemaRegistryClient(infrastructure.registryUrl()),
                "takeover-orchestrator", OperatorCommandCheck.signedBy(OperatorCertificates.get().trust(), Duration.ofMinutes(15))),
                settings.properties());
        saga.start();
        await("the saga running").atMost(Duration.ofSeconds(60)).until(() -> saga.state() == KafkaStreams.State.RUNNING);
        executing = new ExecutingServices(environment -> environment.startsWith("env-audit-"),
                environment -> environment.hashCode() % 2 == 0);
    }

    @AfterAll
    static void stopTheSaga() throws InterruptedException {
        if (executing != null) {
            executing.close();
        }
        if (saga != null) {
            saga.close(Duration.ofSeconds(30));
        }
    }

    @Test
    void aHundredTakeoversReplayToTheTimelinesRecordedLive() throws Exception {
        List<String> environments = new ArrayList<>();
        for (int i = 0; i < ENVIRONMENTS; i++) {
            environments.add("env-audit-" + RUN + "-" + i);
        }
        environments.forEach(AuditIT::register);
        environments.forEach(environment -> TopicRecords.awaitWatched(environment, Duration.ofSeconds(60)));
        runFailures(environments);

        int takeovers = 0;
        int compensated = 0;
        Connection connection = connection();
        for (String environment : environments) {
            List<SpecificRecord> recorded = EnvironmentLog.read(connection, Topic.TAKEOVER_EVENTS, environment);
            List<SpecificRecord> journal = EnvironmentLog.read(connection, Topic.SAGA_JOURNAL, environment);
            List<Timeline> live = Timelines.of(recorded);
            List<Timeline> replayed = Timelines.of(Replay.of(environment, journal, "takeover-orchestrator").events());

            assertThat(replayed).as("timelines of " + environment).isEqualTo(live);
            JsonNode audit = audit(environment);
            assertThat(audit.get("consistent").asBoolean()).as("audit of " + environment + ": " + audit.get("divergences")).isTrue();
            assertThat(audit.get("takeovers")).hasSize(FAILURES_PER_ENVIRONMENT);
            takeovers += live.size();
            compensated += (int) recorded.stream().filter(TakeoverStepCompensated.class::isInstance).count();
        }
        assertThat(takeovers).isGreaterThanOrEqualTo(100);
        assertThat(compensated).as("compensated steps").isGreaterThan(0);
        System.out.printf("audit replayed %d takeovers of %d environments, %d compensated steps: all as recorded%n",
                takeovers, environments.size(), compensated);
    }

    @Test
    void aRecordTheSagaNeverWroteIsADivergence() throws Exception {
        String environment = "env-audit-forged-" + RUN;
        register(environment);
        TopicRecords.awaitWatched(environment, Duration.ofSeconds(60));
        runFailures(List.of(environment));
        assertThat(audit(environment).get("consistent").asBoolean()).isTrue();

        TopicRecords.of(Topic.TAKEOVER_EVENTS).send(environment, new TakeoverStepSucceeded(
                EventMetadata.newBuilder().setEventId("forged-1").setEnvironmentId(environment).setTakeoverId("tk-forged")
                        .setOccurredAt(Instant.now()).setProducer("someone-else").build(),
                "pivot", 1, "tk-forged/pivot/1", Instant.now(), Map.of()));

        JsonNode audit = audit(environment);
        assertThat(audit.get("consistent").asBoolean()).isFalse();
        assertThat(audit.get("divergences").toString()).contains("recorded but not replayed").contains("forged-1");
    }

    /** Sends each environment's next failure once its previous takeover has ended, until all have ended. */
    private static void runFailures(List<String> environments) {
        Map<String, Integer> sent = new HashMap<>();
        // about 100 s here for 102 takeovers; the deadline only has to end a hang, not to race a slower machine
        await("takeovers of " + environments.size() + " environment(s)").atMost(Duration.ofMinutes(8))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    Map<String, Integer> ended = endedTakeovers();
                    boolean done = true;
                    for (String environment : environments) {
                        int finished = ended.getOrDefault(environment, 0);
                        int next = sent.getOrDefault(environment, 0);
                        if (next < FAILURES_PER_ENVIRONMENT && finished == next) {
                            fail(environment, List.of("i-slave-1", "i-slave-2", "i-master").get(next));
                            sent.put(environment, next + 1);
                        }
                        done &= finished == FAILURES_PER_ENVIRONMENT;
                    }
                    return done;
                });
    }

    private static Map<String, Integer> endedTakeovers() {
        Map<String, Integer> ended = new HashMap<>();
        try (TopicReader reader = new TopicReader(connection(), Topic.TAKEOVER_EVENTS)) {
            reader.readToEnd(record -> {
                if (record.value() instanceof TakeoverCompleted || record.value() instanceof TakeoverFailed) {
                    ended.merge(record.key(), 1, Integer::sum);
                }
            });
        }
        return ended;
    }

    private static Connection connection() {
        return new Connection(infrastructure.kafkaSettings(Principal.OPERATOR).access(), infrastructure.registryUrl());
    }

    private static JsonNode audit(String environment) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = OperatorCli.run(new PrintStream(out, true, StandardCharsets.UTF_8), Clock.systemUTC(), new AtomicBoolean(),
                "audit", "--env", environment, "--format", "json",
                "--kafka-config", infrastructure.kafkaSettingsFile(Principal.OPERATOR).toString(), "--registry", infrastructure.registryUrl());
        JsonNode report = JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(exit).as("exit of audit, report " + report).isEqualTo(report.get("consistent").asBoolean() ? 0 : 1);
        return report;
    }

    private static void register(String environment) {
        List<Instance> instances = List.of(instance("i-master", Role.APP_MASTER, "127.41.1.4", "vol-data"),
                instance("i-slave-1", Role.APP_SLAVE, "127.41.1.5", null),
                instance("i-slave-2", Role.APP_SLAVE, "127.41.1.6", null),
                instance("i-slave-3", Role.APP_SLAVE, "127.41.1.7", null));
        TopicRecords.of(Topic.OPERATOR_COMMANDS).send(environment, RegisterEnvironment.newBuilder()
                .setMeta(meta(environment, "register")).setStackVersion("2026.11").setImageId("ami-1")
                .setElasticIp(new ElasticIp("eipalloc-" + environment, "198.51.100.9")).setRequiredCapacity(3)
                .setDataDevice("/dev/sdf").setSubnets(Map.of("us-east-1a", "subnet-a")).setInstances(instances).build());
    }

    private static void fail(String environment, String instance) {
        TopicRecords.of(Topic.HEALTH_EVENTS).send(environment, InstanceFailed.newBuilder()
                .setMeta(meta(environment, "failed-" + instance)).setInstanceId(instance).setReason("probes failed").build());
    }

    private static Instance instance(String id, Role role, String address, String volume) {
        return Instance.newBuilder().setInstanceId(id).setRole(role).setPrivateAddress(address)
                .setAvailabilityZone("us-east-1a").setStackVersion("2026.11").setImageId("ami-1")
                .setDataVolumeId(volume).setStatus(InstanceStatus.RUNNING).build();
    }

    private static EventMetadata meta(String environment, String event) {
        return EventMetadata.newBuilder().setEventId(event + "-" + environment).setEnvironmentId(environment)
                .setOccurredAt(Instant.now()).setProducer("audit-it").build();
    }
}
