package io.understudy.operator;

import io.understudy.contract.ElasticIp;
import io.understudy.contract.EnvironmentState;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.Instance;
import io.understudy.contract.InstanceStatus;
import io.understudy.contract.PauseEnvironment;
import io.understudy.contract.PlannedTakeover;
import io.understudy.contract.RegisterEnvironment;
import io.understudy.contract.RegistrationCheck;
import io.understudy.contract.ResumeEnvironment;
import io.understudy.contract.Role;
import io.understudy.contract.StepProgress;
import io.understudy.contract.StepStatus;
import io.understudy.contract.Takeover;
import io.understudy.contract.TakeoverKind;
import io.understudy.contract.TakeoverStarted;
import io.understudy.contract.TakeoverStepStarted;
import io.understudy.schemas.access.Principal;
import io.understudy.schemas.topic.Topic;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.OperatorCertificates;
import io.understudy.schemas.serde.AvroSerializer;
import io.understudy.signatures.Verdict;
import org.apache.avro.specific.SpecificRecord;
import io.understudy.testing.TopicRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each operator command against a real broker and registry, reading and writing Understudy's own topics. */
class OperatorCommandsIT {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:30Z");
    private static Infrastructure infrastructure;

    @BeforeAll
    static void startKafka() {
        infrastructure = Infrastructure.get();
        infrastructure.createTopics();
    }

    @Test
    void statusShowsInstancesRolesAndTheTakeoverInFlight() {
        String env = environment();
        publishState(env, 1, null);
        publishState(env, 2, inFlight(env));

        Run text = run("status", "--env", env);
        Run json = run("status", "--env", env, "--format", "json");

        assertThat(text.exit).isZero();
        assertThat(text.out).contains(env + "  stack 2026.11").contains("i-master").contains("app_master")
                .contains("takeover tk-1: MASTER_TAKEOVER of i-master, candidate i-slave-1")
                .containsPattern("volume +RUNNING +attempt 2  for 28 s");
        assertThat(json.out).contains("\"revision\" : 2").contains("\"candidateInstanceId\" : \"i-slave-1\"");
        assertThat(run("status", "--env", "env-never-registered").exit).isEqualTo(1);
    }

    @Test
    void takeoverPublishesAPlannedTakeoverOfTheRunningMaster() {
        String env = environment();
        publishState(env, 1, null);

        Run run = run("takeover", "--env", env, "--to", "i-slave-2", "--reason", "kernel upgrade");

        assertThat(run.exit).as(run.err).isZero();
        List<ConsumerRecord<String, org.apache.avro.specific.SpecificRecord>> commands = TopicRecords.of(Topic.OPERATOR_COMMANDS)
                .await(all -> all.stream().anyMatch(r -> env.equals(r.key())), Duration.ofSeconds(30));
        PlannedTakeover command = commands.stream().filter(r -> env.equals(r.key())).map(r -> (PlannedTakeover) r.value())
                .findFirst().orElseThrow();
        assertThat(command.getInstanceId()).isEqualTo("i-master");
        assertThat(command.getToInstance()).isEqualTo("i-slave-2");
        assertThat(command.getReason()).isEqualTo("kernel upgrade");
        assertThat(run.out).contains(command.getMeta().getEventId());
        assertSignedByTheOperator(commands.stream().filter(r -> env.equals(r.key())).findFirst().orElseThrow());
    }

    @Test
    void commandsThatActAreRefusedWithoutAnOperatorKeyAndSayHowToGetOne() {
        String env = environment();
        publishState(env, 1, null);

        Run pause = OperatorCommandsIT.runUnsigned("pause", "--env", env, "--stack-dir", "target/no-stack-here");

        assertThat(pause.exit).isEqualTo(2);
        assertThat(pause.err).contains("--operator-cert FILE --operator-key FILE").contains("UNDERSTUDY_OPERATOR_CERT")
                .contains("./understudy stack up");
        assertThat(TopicRecords.of(Topic.OPERATOR_COMMANDS).sofar(Duration.ofSeconds(30)))
                .as("operator commands of " + env).noneMatch(r -> env.equals(r.key()));
    }

    @Test
    void takeoverIsRefusedWhileAnotherIsInFlightOrForAnUnknownTarget() {
        String env = environment();
        publishState(env, 1, null);
        assertThat(run("takeover", "--env", env, "--to", "i-nope").err).contains("i-nope is not a running app slave");

        publishState(env, 2, inFlight(env));
        Run refused = run("takeover", "--env", env);

        assertThat(refused.exit).isEqualTo(2);
        assertThat(refused.err).contains("takeover tk-1 of the master is in flight");
    }

    @Test
    void pauseAndResumePublishTheOperatorsCommandsAndStatusShowsThePause() {
        String env = environment();
        publishState(env, 1, null);

        Run pause = run("pause", "--env", env, "--reason", "database migration");
        Run resume = run("resume", "--env", env);

        assertThat(pause.exit).as(pause.err).isZero();
        assertThat(resume.exit).as(resume.err).isZero();
        List<org.apache.avro.specific.SpecificRecord> commands = TopicRecords.of(Topic.OPERATOR_COMMANDS)
                .await(all -> all.stream().filter(r -> env.equals(r.key())).count() == 2, Duration.ofSeconds(30))
                .stream().filter(r -> env.equals(r.key())).map(ConsumerRecord::value).toList();
        assertThat(commands.get(0)).isInstanceOfSatisfying(PauseEnvironment.class, p -> {
            assertThat(p.getReason()).isEqualTo("database migration");
            assertThat(pause.out).contains(p.getMeta().getEventId());
        });
        assertThat(commands.get(1)).isInstanceOf(ResumeEnvironment.class);
        assertThat(commands).allSatisfy(c -> assertThat(((PauseEnvironment.class.isInstance(c) ? ((PauseEnvironment) c).getMeta()
                : ((ResumeEnvironment) c).getMeta())).getProducer()).isEqualTo(OperatorCertificates.OPERATOR));
        assertThat(run("pause", "--env", "env-never-registered").exit).isEqualTo(2);

        publishPausedState(env, 2);
        assertThat(run("status", "--env", env).out).contains("PAUSED since " + NOW.minusSeconds(60) + " by operator-cli:alice: database migration");
        assertThat(run("status", "--env", env, "--format", "json").out).contains("\"paused\" : true");
        Run refused = run("takeover", "--env", env);
        assertThat(refused.exit).isEqualTo(2);
        assertThat(refused.err).contains(env + " is paused (database migration)");
    }

    @Test
    void statusListsEveryTakeoverInFlight() {
        String env = environment();
        Takeover replacement = Takeover.newBuilder(inFlight(env)).setTakeoverId("tk-2").setKind(TakeoverKind.SLAVE_REPLACEMENT)
                .setFailedInstanceId("i-slave-2").setCandidateInstanceId(null).build();
        TopicRecords.of(Topic.ENVIRONMENT_STATE).send(env, EnvironmentState.newBuilder(state(env, 3))
                .setTakeovers(List.of(inFlight(env), replacement)).build());

        Run text = run("status", "--env", env);

        assertThat(text.out).contains("takeover tk-1: MASTER_TAKEOVER of i-master")
                .contains("takeover tk-2: SLAVE_REPLACEMENT of i-slave-2");
    }

    @Test
    void statusShowsARegistrationBeingChecked() {
        String env = environment();
        EnvironmentState current = state(env, 4);
        RegisterEnvironment registration = RegisterEnvironment.newBuilder().setMeta(meta(env, "register-2", NOW))
                .setStackVersion(current.getStackVersion()).setImageId(current.getImageId()).setElasticIp(current.getElasticIp())
                .setRequiredCapacity(3).setDataDevice("/dev/sdf").setSubnets(current.getSubnets())
                .setInstances(current.getInstances()).build();
        TopicRecords.of(Topic.ENVIRONMENT_STATE).send(env, EnvironmentState.newBuilder(current)
                .setRegistrationCheck(new RegistrationCheck("registration-1/verify/2", NOW, NOW.plusSeconds(4), registration))
                .build());

        assertThat(run("status", "--env", env).out).contains("registration register-2 being checked against the cloud since "
                + NOW + " (registration-1/verify/2), could not be made yet: tried again at " + NOW.plusSeconds(4));
        assertThat(run("status", "--env", env, "--format", "json").out).contains("\"commandId\" : \"registration-1/verify/2\"");
    }

    @Test
    void eventsPrintsThePublicTopicInHumanFormAndFollowsIt() {
        String env = environment();
        TopicRecords events = TopicRecords.of(Topic.TAKEOVER_EVENTS);
        events.send(env, new TakeoverStarted(meta(env, "e1", NOW), TakeoverKind.MASTER_TAKEOVER, "i-master", "i-slave-1", "3 probes failed"));

        Run once = run("events", "--env", env);
        assertThat(once.out).contains(NOW + " " + env + " tk-1  STARTED MASTER_TAKEOVER of i-master, candidate i-slave-1: 3 probes failed");

        AtomicBoolean stopped = new AtomicBoolean();
        ByteArrayOutputStream followed = new ByteArrayOutputStream();
        CompletableFuture<Integer> following = CompletableFuture.supplyAsync(() -> OperatorCli.run(
                new PrintStream(followed, true, StandardCharsets.UTF_8), Clock.systemUTC(), stopped,
                withConnection("events", "--env", env, "--follow", "--format", "json")));
        events.send(env, new TakeoverStepStarted(meta(env, "e2", NOW.plusSeconds(1)), "fence", 1, "tk-1/fence/1"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> followed.toString(StandardCharsets.UTF_8).contains("\"type\":\"TakeoverStepStarted\""));
        stopped.set(true);

        assertThat(following.join()).isZero();
        assertThat(followed.toString(StandardCharsets.UTF_8)).contains("\"step\":\"fence\"").contains("\"type\":\"TakeoverStarted\"");
    }

    private static String environment() {
        return "env-cli-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void publishState(String env, long revision, Takeover takeover) {
        TopicRecords.of(Topic.ENVIRONMENT_STATE).send(env, EnvironmentState.newBuilder(state(env, revision))
                .setTakeovers(takeover == null ? List.of() : List.of(takeover)).build());
    }

    private static void publishPausedState(String env, long revision) {
        TopicRecords.of(Topic.ENVIRONMENT_STATE).send(env, EnvironmentState.newBuilder(state(env, revision))
                .setPausedSince(NOW.minusSeconds(60)).setPausedBy("operator-cli:alice").setPauseReason("database migration")
                .build());
    }

    private static EnvironmentState state(String env, long revision) {
        List<Instance> instances = new ArrayList<>();
        instances.add(instance("i-master", Role.APP_MASTER, "127.40.0.4", "vol-data"));
        instances.add(instance("i-slave-1", Role.APP_SLAVE, "127.40.0.5", null));
        instances.add(instance("i-slave-2", Role.APP_SLAVE, "127.40.0.6", null));
        return EnvironmentState.newBuilder().setEnvironmentId(env)
                .setStackVersion("2026.11").setImageId("ami-1")
                .setElasticIp(ElasticIp.newBuilder().setAllocationId("eipalloc-1").setPublicIp("198.51.100.7").build())
                .setRequiredCapacity(2).setSubnets(Map.of("us-east-1a", "subnet-a")).setInstances(instances)
                .setRevision(revision).setUpdatedAt(NOW).build();
    }

    private static Instance instance(String id, Role role, String address, String volume) {
        return Instance.newBuilder().setInstanceId(id).setRole(role).setPrivateAddress(address)
                .setAvailabilityZone("us-east-1a").setStackVersion("2026.11").setImageId("ami-1")
                .setDataVolumeId(volume).setStatus(InstanceStatus.RUNNING).build();
    }

    private static Takeover inFlight(String env) {
        StepProgress fence = StepProgress.newBuilder().setStep("fence").setStatus(StepStatus.SUCCEEDED).setAttempt(1)
                .setSince(NOW.minusSeconds(29)).setStartedAt(NOW.minusSeconds(29)).setFinishedAt(NOW.minusSeconds(28)).build();
        StepProgress volume = StepProgress.newBuilder().setStep("volume").setStatus(StepStatus.RUNNING).setAttempt(2)
                .setSince(NOW.minusSeconds(28)).setStartedAt(NOW.minusSeconds(5)).build();
        return Takeover.newBuilder().setTakeoverId("tk-1").setKind(TakeoverKind.MASTER_TAKEOVER)
                .setFailedInstanceId("i-master").setCandidateInstanceId("i-slave-1").setStartedAt(NOW.minusSeconds(30))
                .setSteps(List.of(fence, volume)).build();
    }

    private static EventMetadata meta(String env, String id, Instant at) {
        return EventMetadata.newBuilder().setEventId(id).setEnvironmentId(env).setTakeoverId("tk-1")
                .setOccurredAt(at).setProducer("operator-test").build();
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        return run(true, args);
    }

    /** {@code signed}: the commands that act get the suite's operator's certificate and key, as an operator has them. */
    private static Run run(boolean signed, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (signed && List.of("takeover", "pause", "resume").contains(args[0])) {
            all.addAll(List.of("--operator-cert", OperatorCertificates.get().certificatePem().toString(),
                    "--operator-key", OperatorCertificates.get().keyPem().toString()));
        }
        args = all.toArray(String[]::new);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int exit = OperatorCli.run(new PrintStream(out, true, StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC),
                    new AtomicBoolean(), withConnection(args));
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(originalErr);
        }
    }

    /**
     * The record's signature checked as the orchestrator checks it, over the bytes the record's value serializes to
     * (Avro's binary encoding is deterministic, and the schema is the one registered).
     */
    private static void assertSignedByTheOperator(ConsumerRecord<String, SpecificRecord> record) {
        Map<String, byte[]> headers = new HashMap<>();
        record.headers().forEach(h -> headers.put(h.key(), h.value()));
        AvroSerializer serializer = new AvroSerializer();
        serializer.configure(Map.of(AvroSerializer.REGISTRY_URL, infrastructure.registryUrl()), false);
        byte[] value = serializer.serialize(record.topic(), record.value());
        assertThat(OperatorCertificates.get().trust().verify(record.topic(), record.key().getBytes(StandardCharsets.UTF_8),
                value, headers, Instant.now())).isEqualTo(new Verdict.Signed(OperatorCertificates.OPERATOR));
    }

    private static Run runUnsigned(String... args) {
        return run(false, args);
    }

    private static String[] withConnection(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        // as the operator, the one principal allowed to write operator commands
        all.addAll(List.of("--kafka-config", infrastructure.kafkaSettingsFile(Principal.OPERATOR).toString(),
                "--registry", infrastructure.registryUrl()));
        return all.toArray(String[]::new);
    }
}
