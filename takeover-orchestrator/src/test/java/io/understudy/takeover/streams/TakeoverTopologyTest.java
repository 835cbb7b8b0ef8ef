package io.understudy.takeover.streams;

import io.understudy.contract.*;
import io.understudy.schemas.registry.InMemorySchemaRegistryClient;
import io.understudy.schemas.serde.AvroDeserializer;
import io.understudy.schemas.serde.AvroSerializer;
import io.understudy.schemas.topic.Topic;
import io.understudy.certificates.CertificateAuthority;
import io.understudy.certificates.Issued;
import io.understudy.intake.OperatorCommandCheck;
import io.understudy.signatures.OperatorKey;
import io.understudy.signatures.OperatorTrust;
import io.understudy.kafka.KafkaSettings;
import io.understudy.takeover.avro.States;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static io.understudy.takeover.streams.ContractRecords.*;
import static org.assertj.core.api.Assertions.assertThat;

class TakeoverTopologyTest {
    private static final String ENV = "env-topology";
    /** Now, not a fixed date: the operator's certificate below is valid from its issue on. */
    private static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private static final CertificateAuthority OPERATORS = CertificateAuthority.create("operators");
    private static final OperatorKey ALICE = operatorKey(OPERATORS, "alice");
    private static final List<Topic> COMMAND_TOPICS = List.of(Topic.IP_COMMANDS, Topic.VOLUME_COMMANDS,
            Topic.PROXY_COMMANDS, Topic.PROVISIONER_COMMANDS);

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private TopologyTestDriver driver;
    private final Map<Topic, TestInputTopic<String, SpecificRecord>> inputs = new EnumMap<>(Topic.class);
    private final Map<Topic, TestOutputTopic<String, SpecificRecord>> outputs = new EnumMap<>(Topic.class);
    /** Everything read from each output topic so far, in order. */
    private final Map<Topic, List<TestRecord<String, SpecificRecord>>> seen = new EnumMap<>(Topic.class);

    @BeforeEach
    void startDriver() {
        StreamsSettings settings = new StreamsSettings("takeover-topology-test",
                KafkaSettings.of(Map.of(KafkaSettings.BOOTSTRAP_SERVERS, "localhost:9")).access(), "mock://registry",
                "takeover-orchestrator", 1, Path.of("target", "topology-test-state"), Duration.ZERO,
                Duration.ofMillis(10), Duration.ZERO);
        // the wall clock (which punctuates the saga's ticks) starts where the records' times are, so timeouts mean something
        OperatorCommandCheck signatures = OperatorCommandCheck.signedBy(new OperatorTrust(List.of(OPERATORS.certificate())),
                Duration.ofHours(1));
        driver = new TopologyTestDriver(TakeoverTopology.build(registry, "takeover-orchestrator", signatures), settings.properties(),
                T0.plusSeconds(2));
        for (Topic topic : TakeoverTopology.INPUTS) {
            inputs.put(topic, driver.createInputTopic(topic.topicName, new StringSerializer(), new AvroSerializer(registry)));
        }
        for (Topic topic : TakeoverTopology.topics()) {
            if (!TakeoverTopology.INPUTS.contains(topic)) {
                outputs.put(topic, driver.createOutputTopic(topic.topicName, new StringDeserializer(), new AvroDeserializer(registry)));
                seen.put(topic, new ArrayList<>());
            }
        }
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void aMasterTakeoverRunsToCompletionDrivenByCommandResults() {
        register();
        inputs.get(Topic.HEALTH_EVENTS).pipeInput(ENV, instanceFailed("health-1", ENV, "i-m1", T0.plusSeconds(1)));

        assertThat(drain(Topic.PROVISIONER_COMMANDS)).as("no fence before a second opinion").isEmpty();
        assertThat(drain(Topic.PROXY_COMMANDS)).extracting(r -> r.getClass().getSimpleName())
                .containsExactly("CorroborateFailure", "ConfigureProxy");
        assertThat(drain(Topic.TAKEOVER_EVENTS)).extracting(r -> r.getClass().getSimpleName())
                .containsExactly("TakeoverStarted", "TakeoverStepStarted", "TakeoverStepStarted");

        int answered = answerCommandsUntilQuiet();

        assertThat(answered).isEqualTo(10);
        assertThat(values(Topic.PROVISIONER_COMMANDS)).extracting(r -> r.getClass().getSimpleName())
                .containsExactly("StopInstance", "SetInstanceRole", "RunInstance");
        assertThat(values(Topic.VOLUME_COMMANDS)).extracting(r -> r.getClass().getSimpleName())
                .containsExactly("SnapshotVolume", "CreateVolumeFromSnapshot", "AttachVolume");
        assertThat(values(Topic.IP_COMMANDS)).singleElement()
                .isEqualTo(new AssociateAddress(metaOf(values(Topic.IP_COMMANDS).get(0)), "eipalloc-topology", "i-s1", List.of("i-m1")));
        ConfigureProxy rejoin = (ConfigureProxy) values(Topic.PROXY_COMMANDS).get(2);
        assertThat(rejoin.getInstanceId()).isEqualTo("i-s1");
        assertThat(rejoin.getServers()).extracting(ProxyServer::getInstanceId).containsExactly("i-s1", "i-s2", "i-replacement");

        List<SpecificRecord> events = values(Topic.TAKEOVER_EVENTS);
        assertThat(events).hasSize(1 + 10 + 10 + 1);
        assertThat(events.get(0)).isInstanceOf(TakeoverStarted.class);
        assertThat(events).filteredOn(TakeoverStepSucceeded.class::isInstance).extracting(e -> ((TakeoverStepSucceeded) e).getStep())
                .containsExactlyInAnyOrder("corroborate", "fence", "proxy", "snapshot", "volume", "attach", "pivot", "role",
                        "replacement", "rejoin");
        TakeoverCompleted completed = (TakeoverCompleted) events.get(events.size() - 1);
        assertThat(completed.getKind()).isEqualTo(TakeoverKind.MASTER_TAKEOVER);
        assertThat(completed.getNewMasterInstanceId()).isEqualTo("i-s1");
        assertThat(completed.getReplacementInstanceId()).isEqualTo("i-replacement");
        assertThat(completed.getStartedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(completed.getMeta().getProducer()).isEqualTo("takeover-orchestrator");
        assertThat(completed.getMeta().getEnvironmentId()).isEqualTo(ENV);
        assertThat(completed.getMeta().getTakeoverId()).startsWith("takeover-");

        EnvironmentState last = (EnvironmentState) lastValue(Topic.ENVIRONMENT_STATE);
        assertThat(last.getTakeover()).isNull();
        assertThat(last.getTakeovers()).isEmpty();
        assertThat(last.getRevision()).isEqualTo(13);
        assertThat(last.getInstances()).extracting(Instance::getInstanceId, Instance::getRole, Instance::getStatus).containsExactly(
                org.assertj.core.groups.Tuple.tuple("i-m1", Role.APP_MASTER, InstanceStatus.FENCED),
                org.assertj.core.groups.Tuple.tuple("i-s1", Role.APP_MASTER, InstanceStatus.RUNNING),
                org.assertj.core.groups.Tuple.tuple("i-s2", Role.APP_SLAVE, InstanceStatus.RUNNING),
                org.assertj.core.groups.Tuple.tuple("i-replacement", Role.APP_SLAVE, InstanceStatus.RUNNING));
        assertThat(store().get(ENV)).isEqualTo(last);
        for (Topic topic : outputs.keySet()) {
            assertThat(seen.get(topic)).as("keys on " + topic).allSatisfy(r -> assertThat(r.key()).isEqualTo(ENV));
        }
        assertThat(drain(Topic.DEAD_LETTERS)).isEmpty();
    }

    @Test
    void aRegistrationIsTakenInOnlyOnceTheProvisionerHasCheckedWhatItNames() {
        pipeRegistration();

        VerifyRegistration check = (VerifyRegistration) drain(Topic.PROVISIONER_COMMANDS).get(0);
        assertThat(check.getInstanceIds()).containsExactly("i-m1", "i-s1", "i-s2");
        assertThat(check.getVolumeIds()).containsExactly("vol-master");
        assertThat(check.getAllocationId()).isEqualTo("eipalloc-topology");
        assertThat(((EnvironmentState) lastValue(Topic.ENVIRONMENT_STATE)).getInstances()).isEmpty();

        inputs.get(Topic.COMMAND_RESULTS).pipeInput(ENV, succeeded(check, T0.plusSeconds(1), Map.of()));

        EnvironmentState taken = (EnvironmentState) lastValue(Topic.ENVIRONMENT_STATE);
        assertThat(taken.getInstances()).hasSize(3);
        assertThat(taken.getRegistrationCheck()).isNull();
    }

    @Test
    void aRegistrationNamingSomethingNotTheEnvironmentsIsRefusedInPublic() {
        pipeRegistration();
        VerifyRegistration check = (VerifyRegistration) drain(Topic.PROVISIONER_COMMANDS).get(0);
        CommandResult notOwned = CommandResult.newBuilder(succeeded(check, T0.plusSeconds(1), Map.of("errorCode", "NOT_OWNED")))
                .setOutcome(CommandOutcome.FAILED).setError("vol-master does not carry the environment's tag").build();

        inputs.get(Topic.COMMAND_RESULTS).pipeInput(ENV, notOwned);

        assertThat(drain(Topic.TAKEOVER_EVENTS)).singleElement().isInstanceOfSatisfying(RegistrationRefused.class,
                refused -> assertThat(refused.getReason()).contains("vol-master"));
        assertThat(((EnvironmentState) lastValue(Topic.ENVIRONMENT_STATE)).getInstances()).isEmpty();
    }

    @Test
    void commandsNameTheirTakeoverAndCauseAndEveryStateChangeIsPublished() {
        register();

        inputs.get(Topic.HEALTH_EVENTS).pipeInput(ENV, instanceFailed("health-1", ENV, "i-m1", T0.plusSeconds(1)));

        CorroborateFailure opinion = (CorroborateFailure) drain(Topic.PROXY_COMMANDS).get(0);
        EnvironmentState state = (EnvironmentState) drain(Topic.ENVIRONMENT_STATE).get(0);
        io.understudy.contract.Takeover takeover = state.getTakeovers().get(0);
        assertThat(opinion.getInstanceId()).isEqualTo("i-m1");
        assertThat(opinion.getPrivateAddress()).isEqualTo("127.30.1.10");
        assertThat(opinion.getMeta().getEventId()).isEqualTo(takeover.getTakeoverId() + "/corroborate/1");
        assertThat(opinion.getMeta().getTakeoverId()).isEqualTo(takeover.getTakeoverId());
        assertThat(opinion.getMeta().getCausationId()).isEqualTo("health-1");
        assertThat(opinion.getMeta().getOccurredAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(takeover.getCandidateInstanceId()).isEqualTo("i-s1");
        assertThat(takeover.getSteps()).extracting(StepProgress::getStep).containsExactly(
                "corroborate", "fence", "proxy", "snapshot", "volume", "attach", "pivot", "role", "replacement", "rejoin");
        // compared in the saga's terms: Avro's equals cannot compare timestamps inside unions in arrays
        assertThat(States.fromAvro(store().get(ENV))).isEqualTo(States.fromAvro(state));
    }

    @Test
    void duplicatesAndUnknownResultsProduceNothing() {
        register();
        inputs.get(Topic.HEALTH_EVENTS).pipeInput(ENV, instanceFailed("health-1", ENV, "i-m1", T0.plusSeconds(1)));
        outputs.keySet().forEach(this::drain);

        inputs.get(Topic.HEALTH_EVENTS).pipeInput(ENV, instanceFailed("health-1", ENV, "i-m1", T0.plusSeconds(1)));
        StopInstance stranger = new StopInstance(meta("takeover-other/fence/1", ENV, null, T0, "x"), "i-m1", true, true);
        inputs.get(Topic.COMMAND_RESULTS).pipeInput(ENV, succeeded(stranger, T0.plusSeconds(2), Map.of()));
        driver.advanceWallClockTime(Duration.ofSeconds(2));

        // the journal keeps every input, absorbed or not, so that an audit replays exactly what the saga saw
        assertThat(drain(Topic.SAGA_JOURNAL)).hasSize(2);
        for (Topic topic : outputs.keySet()) {
            assertThat(drain(topic)).as(topic.name()).isEmpty();
        }
    }

    @Test
    void anUndecodableRecordIsDeadLetteredAndProcessingGoesOn() {
        TestInputTopic<byte[], byte[]> raw = driver.createInputTopic(Topic.HEALTH_EVENTS.topicName,
                new ByteArraySerializer(), new ByteArraySerializer());
        byte[] poison = "not avro at all".getBytes(StandardCharsets.UTF_8);

        raw.pipeInput(ENV.getBytes(StandardCharsets.UTF_8), poison);
        pipeRegistration();

        DeadLetter letter = (DeadLetter) drain(Topic.DEAD_LETTERS).get(0);
        assertThat(letter.getSourceTopic()).isEqualTo(Topic.HEALTH_EVENTS.topicName);
        assertThat(letter.getOffset()).isEqualTo(0);
        assertThat(letter.getValue()).isEqualTo(ByteBuffer.wrap(poison));
        assertThat(letter.getKey()).isEqualTo(ByteBuffer.wrap(ENV.getBytes(StandardCharsets.UTF_8)));
        assertThat(letter.getService()).isEqualTo("takeover-orchestrator");
        assertThat(letter.getReason()).contains("not in the Confluent wire format");
        assertThat(seen.get(Topic.DEAD_LETTERS).get(0).key()).isEqualTo(ENV);
        assertThat(drain(Topic.ENVIRONMENT_STATE)).as("the next record is processed").hasSize(1);
    }

    @Test
    void aWellFormedRecordOnTheWrongTopicIsDeadLettered() {
        register();
        drain(Topic.ENVIRONMENT_STATE);

        operatorCommand(ALICE, instanceFailed("health-1", ENV, "i-m1", T0.plusSeconds(1)));

        DeadLetter letter = (DeadLetter) drain(Topic.DEAD_LETTERS).get(0);
        assertThat(letter.getReason()).contains("InstanceFailed does not belong on " + Topic.OPERATOR_COMMANDS.topicName);
        assertThat(drain(Topic.PROVISIONER_COMMANDS)).isEmpty();
        assertThat(drain(Topic.ENVIRONMENT_STATE)).isEmpty();
    }

    @Test
    void aRecordWithoutAnEnvironmentIdAsKeyIsDeadLettered() {
        register();
        drain(Topic.ENVIRONMENT_STATE);

        inputs.get(Topic.HEALTH_EVENTS).pipeInput(null, instanceFailed("health-1", ENV, "i-m1", T0.plusSeconds(1)));

        DeadLetter letter = (DeadLetter) drain(Topic.DEAD_LETTERS).get(0);
        assertThat(letter.getReason()).isEqualTo("no environment id as key");
        assertThat(letter.getKey()).isNull();
        assertThat(drain(Topic.PROVISIONER_COMMANDS)).isEmpty();
    }

    @Test
    void anOperatorCommandNobodySignedIsDeadLetteredAndNeverActedOn() {
        register();
        drain(Topic.ENVIRONMENT_STATE);

        operatorCommand(null, pause("op-unsigned", "root"));
        operatorCommand(operatorKey(CertificateAuthority.create("operators"), "alice"), pause("op-other-ca", "alice"));

        assertThat(drain(Topic.DEAD_LETTERS)).extracting(l -> ((DeadLetter) l).getReason()).satisfiesExactly(
                reason -> assertThat(reason).startsWith("operator command refused: not signed"),
                reason -> assertThat(reason).contains("operator command refused: the certificate CN=alice is not an operator's"));
        assertThat(drain(Topic.ENVIRONMENT_STATE)).isEmpty();
        assertThat(drain(Topic.TAKEOVER_EVENTS)).isEmpty();
    }

    @Test
    void whoAskedIsTheOperatorWhoSignedNotWhatTheCommandSays() {
        register();

        operatorCommand(ALICE, pause("op-9", "operator-cli:root"));

        EnvironmentPaused paused = (EnvironmentPaused) drain(Topic.TAKEOVER_EVENTS).get(0);
        assertThat(paused.getRequestedBy()).isEqualTo("alice");
        assertThat(((EnvironmentState) lastValue(Topic.ENVIRONMENT_STATE)).getPausedBy()).isEqualTo("alice");
    }

    @Test
    void aSignedCommandFromLongAgoIsRefused() {
        register();
        drain(Topic.ENVIRONMENT_STATE);

        operatorCommand(ALICE, PauseEnvironment.newBuilder().setMeta(meta("op-old", ENV, null, T0.minus(Duration.ofHours(2)), "alice"))
                .setReason("old").build());

        assertThat(((DeadLetter) drain(Topic.DEAD_LETTERS).get(0)).getReason()).contains("more than PT1H ago");
        assertThat(drain(Topic.ENVIRONMENT_STATE)).isEmpty();
    }

    private static PauseEnvironment pause(String eventId, String producer) {
        return PauseEnvironment.newBuilder().setMeta(meta(eventId, ENV, null, T0.plusSeconds(1), producer))
                .setReason("maintenance").build();
    }

    @Test
    void anOperatorsPlannedTakeoverStopsTheMasterGracefullyForTheNamedSlave() {
        register();
        drain(Topic.ENVIRONMENT_STATE);

        operatorCommand(ALICE, PlannedTakeover.newBuilder()
                .setMeta(meta("op-7", ENV, null, T0.plusSeconds(1), "operator-cli")).setInstanceId("i-m1")
                .setToInstance("i-s2").setReason("kernel upgrade").build());

        StopInstance stop = (StopInstance) drain(Topic.PROVISIONER_COMMANDS).get(0);
        ConfigureProxy proxy = (ConfigureProxy) drain(Topic.PROXY_COMMANDS).get(0);
        assertThat(stop.getInstanceId()).isEqualTo("i-m1");
        assertThat(stop.getForce()).isFalse();
        assertThat(proxy.getInstanceId()).isEqualTo("i-s2");
        TakeoverStarted started = (TakeoverStarted) drain(Topic.TAKEOVER_EVENTS).get(0);
        assertThat(started.getKind()).isEqualTo(TakeoverKind.PLANNED_TAKEOVER);
        assertThat(started.getReason()).isEqualTo("kernel upgrade (asked by alice)");
    }

    @Test
    void anImpendingFailureOfTheMasterIsAPlannedTakeover() {
        register();

        inputs.get(Topic.HEALTH_EVENTS).pipeInput(ENV, ImpendingFailure.newBuilder()
                .setMeta(meta("health-9", ENV, null, T0.plusSeconds(1), "health-monitor")).setInstanceId("i-m1")
                .setReason("scheduled retirement").build());

        StopInstance stop = (StopInstance) drain(Topic.PROVISIONER_COMMANDS).get(0);
        assertThat(stop.getForce()).isFalse();
        assertThat(((TakeoverStarted) drain(Topic.TAKEOVER_EVENTS).get(0)).getReason())
                .isEqualTo("impending failure: scheduled retirement");
    }

    /** Registers the environment and answers its check; what that sent and published is not looked at again. */
    private void register() {
        pipeRegistration();
        VerifyRegistration check = (VerifyRegistration) drain(Topic.PROVISIONER_COMMANDS).get(0);
        inputs.get(Topic.COMMAND_RESULTS).pipeInput(ENV, succeeded(check, T0, Map.of()));
        seen.values().forEach(List::clear);
        outputs.keySet().forEach(this::drain);
        seen.get(Topic.ENVIRONMENT_STATE).clear();
        seen.get(Topic.PROVISIONER_COMMANDS).clear();
    }

    private void pipeRegistration() {
        operatorCommand(ALICE, ContractRecords.register(ENV, T0, "eipalloc-topology", List.of(
                instance("i-m1", Role.APP_MASTER, "127.30.1.10", "us-east-1a", "vol-master"),
                instance("i-s1", Role.APP_SLAVE, "127.30.1.11", "us-east-1a", null),
                instance("i-s2", Role.APP_SLAVE, "127.30.2.12", "us-east-1b", null))));
    }

    /** Plays every executing service: answers each new command with a success until no new command comes. */
    private int answerCommandsUntilQuiet() {
        int answered = 0;
        int second = 2;
        List<SpecificRecord> pending = new ArrayList<>(commandsSentSoFar());
        while (!pending.isEmpty()) {
            SpecificRecord command = pending.remove(0);
            inputs.get(Topic.COMMAND_RESULTS).pipeInput(ENV,
                    succeeded(command, T0.plusSeconds(second++), outputsFor(command, "127.30.1.20")));
            answered++;
            COMMAND_TOPICS.forEach(topic -> pending.addAll(drain(topic)));
        }
        return answered;
    }

    private List<SpecificRecord> commandsSentSoFar() {
        List<SpecificRecord> all = new ArrayList<>();
        COMMAND_TOPICS.forEach(topic -> all.addAll(values(topic)));
        return all;
    }

    private static OperatorKey operatorKey(CertificateAuthority authority, String name) {
        Issued issued = authority.issue(name, List.of(), CertificateAuthority.Usage.CLIENT);
        return new OperatorKey(issued.key(), List.of(issued.certificate()));
    }

    /** An operator command as the CLI writes it: the wire bytes, signed by {@code operator} (null: unsigned). */
    private void operatorCommand(OperatorKey operator, SpecificRecord command) {
        String topic = Topic.OPERATOR_COMMANDS.topicName;
        byte[] key = ENV.getBytes(StandardCharsets.UTF_8);
        byte[] value = new AvroSerializer(registry).serialize(topic, command);
        RecordHeaders headers = new RecordHeaders();
        if (operator != null) {
            operator.sign(topic, key, value).forEach(headers::add);
        }
        driver.createInputTopic(topic, new ByteArraySerializer(), new ByteArraySerializer())
                .pipeInput(new TestRecord<>(key, value, headers));
    }

    private List<SpecificRecord> drain(Topic topic) {
        List<TestRecord<String, SpecificRecord>> records = outputs.get(topic).readRecordsToList();
        seen.get(topic).addAll(records);
        return records.stream().map(TestRecord::value).toList();
    }

    private List<SpecificRecord> values(Topic topic) {
        drain(topic);
        return seen.get(topic).stream().map(TestRecord::value).toList();
    }

    private SpecificRecord lastValue(Topic topic) {
        List<SpecificRecord> all = values(topic);
        return all.get(all.size() - 1);
    }

    private KeyValueStore<String, EnvironmentState> store() {
        return driver.getKeyValueStore(TakeoverTopology.STORE);
    }
}
