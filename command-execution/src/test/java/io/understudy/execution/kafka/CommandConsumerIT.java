package io.understudy.execution.kafka;

import io.micronaut.context.ApplicationContext;
import io.understudy.contract.AssociateAddress;
import io.understudy.contract.CommandOutcome;
import io.understudy.contract.CommandResult;
import io.understudy.contract.DeadLetter;
import io.understudy.contract.EventMetadata;
import io.understudy.schemas.access.Principal;
import io.understudy.schemas.topic.Topic;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.TopicRecords;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The plumbing on a real broker and registry, with a tiny handler: commands in, results and dead letters out. */
class CommandConsumerIT {
    private static final String SERVICE = "command-execution-test";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static ApplicationContext context;
    private static TopicRecords commands;
    private static TopicRecords results;
    private static TopicRecords deadLetters;

    @BeforeAll
    static void startService() {
        Infrastructure infrastructure = Infrastructure.get();
        commands = TopicRecords.of(Topic.IP_COMMANDS);
        results = TopicRecords.of(Topic.COMMAND_RESULTS);
        deadLetters = TopicRecords.of(Topic.DEAD_LETTERS);
        context = ApplicationContext.run(settings(infrastructure, SERVICE));
    }

    /** The echo service as {@code service}; on Kafka as the broker's administrator, like every test client. */
    static Map<String, Object> settings(Infrastructure infrastructure, String service) {
        Map<String, Object> settings = infrastructure.kafkaProperties(Principal.ADMIN);
        settings.putAll(Map.of(
                "micronaut.application.name", service,
                "understudy.schema-registry.url", infrastructure.registryUrl(),
                "understudy.commands.topic", "IP_COMMANDS",
                "understudy.commands.retry-backoff", "100ms",
                // a service's application.yml holds these; this library has none
                "understudy.kafka.partitions", 6,
                "understudy.kafka.replication-factor", 1,
                "test.echo-handler", "true"));
        return settings;
    }

    @AfterAll
    static void stopService() {
        if (context != null) {
            context.close();
        }
    }

    private static AssociateAddress command(String environment, String commandId, String instanceId) {
        return AssociateAddress.newBuilder()
                .setMeta(EventMetadata.newBuilder().setEventId(commandId).setEnvironmentId(environment)
                        .setTakeoverId("takeover-" + environment).setCausationId("step-1")
                        .setOccurredAt(Instant.now()).setProducer("command-execution-test").build())
                .setAllocationId("eipalloc-1").setInstanceId(instanceId).build();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static ConsumerRecord<String, SpecificRecord> resultOf(String commandId) {
        return results.await(seen -> seen.stream().anyMatch(r -> isResultOf(r, commandId)), TIMEOUT)
                .stream().filter(r -> isResultOf(r, commandId)).findFirst().orElseThrow();
    }

    private static boolean isResultOf(ConsumerRecord<String, SpecificRecord> record, String commandId) {
        return record.value() instanceof CommandResult result && result.getCommandId().equals(commandId);
    }

    @Test
    void aCommandInIsAResultOut() {
        String environment = unique("env");
        String commandId = unique("cmd");

        commands.send(environment, command(environment, commandId, "i-1"));

        ConsumerRecord<String, SpecificRecord> record = resultOf(commandId);
        CommandResult result = (CommandResult) record.value();
        assertThat(record.key()).isEqualTo(environment);
        assertThat(result.getOutcome()).isEqualTo(CommandOutcome.SUCCEEDED);
        assertThat(result.getCommand()).isEqualTo("AssociateAddress");
        assertThat(result.getOutputs()).containsEntry("echo", "eipalloc-1->i-1");
        assertThat(result.getMeta().getEventId()).isEqualTo("result:" + commandId);
        assertThat(result.getMeta().getCausationId()).isEqualTo(commandId);
        assertThat(result.getMeta().getEnvironmentId()).isEqualTo(environment);
        assertThat(result.getMeta().getTakeoverId()).isEqualTo("takeover-" + environment);
        assertThat(result.getMeta().getProducer()).isEqualTo(SERVICE);
    }

    @Test
    void aHandlerThatThrowsIsAFailedRetriableResultAndTheServiceCarriesOn() {
        String environment = unique("env");
        String broken = unique("cmd");
        String next = unique("cmd");

        commands.send(environment, command(environment, broken, EchoHandler.THROW));
        commands.send(environment, command(environment, next, "i-2"));

        CommandResult failed = (CommandResult) resultOf(broken).value();
        assertThat(failed.getOutcome()).isEqualTo(CommandOutcome.FAILED);
        assertThat(failed.getRetriable()).isTrue();
        assertThat(failed.getError()).contains("the handler broke");
        assertThat(((CommandResult) resultOf(next).value()).getOutcome()).isEqualTo(CommandOutcome.SUCCEEDED);
    }

    @Test
    void aPermanentFailureIsReportedAsSuch() {
        String environment = unique("env");
        String commandId = unique("cmd");

        commands.send(environment, command(environment, commandId, EchoHandler.REFUSE));

        CommandResult result = (CommandResult) resultOf(commandId).value();
        assertThat(result.getOutcome()).isEqualTo(CommandOutcome.FAILED);
        assertThat(result.getRetriable()).isFalse();
        assertThat(result.getError()).isEqualTo("refused eipalloc-1");
    }

    @Test
    void poisonIsDeadLetteredAndTheNextCommandIsStillExecuted() {
        String environment = unique("env");
        byte[] key = environment.getBytes(StandardCharsets.UTF_8);
        byte[] notWireFormat = "{\"allocationId\":\"eipalloc-1\"}".getBytes(StandardCharsets.UTF_8);
        byte[] unknownSchemaId = ByteBuffer.allocate(8).put((byte) 0).putInt(999_999).put(new byte[]{2, 4, 6}).array();
        String commandId = unique("cmd");

        commands.sendRaw(key, notWireFormat);
        commands.sendRaw(key, unknownSchemaId);
        commands.send(environment, command(environment, commandId, "i-3"));

        assertThat(((CommandResult) resultOf(commandId).value()).getOutcome()).isEqualTo(CommandOutcome.SUCCEEDED);
        List<DeadLetter> letters = deadLetters.await(seen -> lettersFor(seen, environment).size() >= 2, TIMEOUT)
                .stream().filter(r -> environment.equals(r.key())).map(r -> (DeadLetter) r.value()).toList();
        Map<ByteBuffer, DeadLetter> byValue = letters.stream()
                .collect(Collectors.toMap(DeadLetter::getValue, Function.identity()));
        DeadLetter garbage = byValue.get(ByteBuffer.wrap(notWireFormat));
        DeadLetter unknown = byValue.get(ByteBuffer.wrap(unknownSchemaId));
        assertThat(garbage.getReason()).contains("wire format");
        assertThat(unknown.getReason()).contains("999999");
        assertThat(garbage.getSourceTopic()).isEqualTo(Topic.IP_COMMANDS.topicName);
        assertThat(garbage.getService()).isEqualTo(SERVICE);
        assertThat(garbage.getKey()).isEqualTo(ByteBuffer.wrap(key));
        assertThat(unknown.getOffset()).isGreaterThan(garbage.getOffset());
    }

    @Test
    void everyExecutedRecordIsCommittedForTheServicesGroup() throws Exception {
        String environment = unique("env");
        String commandId = unique("cmd");
        commands.send(environment, command(environment, commandId, "i-4"));
        resultOf(commandId);

        try (Admin admin = Admin.create(Infrastructure.get().kafkaConfig())) {
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(committed(admin)).isEqualTo(ends(admin)));
        }
    }

    private static List<ConsumerRecord<String, SpecificRecord>> lettersFor(List<ConsumerRecord<String, SpecificRecord>> seen, String environment) {
        return seen.stream().filter(r -> environment.equals(r.key())).toList();
    }

    private static Map<TopicPartition, Long> committed(Admin admin) throws Exception {
        return admin.listConsumerGroupOffsets(SERVICE).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(e -> e.getKey().topic().equals(Topic.IP_COMMANDS.topicName))
                .filter(e -> e.getValue().offset() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static Map<TopicPartition, Long> ends(Admin admin) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(Topic.IP_COMMANDS.topicName)).allTopicNames().get()
                .get(Topic.IP_COMMANDS.topicName).partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(Topic.IP_COMMANDS.topicName, p.partition()), p -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answers = admin.listOffsets(latest).all().get();
        return answers.entrySet().stream().filter(e -> e.getValue().offset() > 0)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
