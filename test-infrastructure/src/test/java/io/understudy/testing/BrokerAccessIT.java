package io.understudy.testing;

import io.understudy.contract.CommandOutcome;
import io.understudy.contract.CommandResult;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.TakeoverKind;
import io.understudy.contract.TakeoverStarted;
import io.understudy.schemas.access.AccessControl;
import io.understudy.schemas.access.Principal;
import io.understudy.schemas.topic.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The suite's broker enforces {@link AccessControl}'s table: every principal may write and read exactly the topics
 * it gives it, and a forged record from anyone else is refused by the broker and never reaches the topic.
 */
class BrokerAccessIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static Infrastructure infrastructure;

    @BeforeAll
    static void aRecordOnEveryTopic() {
        infrastructure = Infrastructure.get();
        assertThat(infrastructure.secured()).as("the suite's broker is secured unless -D" + Infrastructure.INSECURE).isTrue();
        for (Topic topic : Topic.values()) {
            // as the administrator, so that a reader has something to read
            TopicRecords.of(topic).sendRaw("env-access".getBytes(StandardCharsets.UTF_8), new byte[]{1});
        }
    }

    @Test
    void everyPrincipalWritesExactlyTheTopicsTheTableLetsItWrite() {
        List<String> wrong = new ArrayList<>();
        for (Principal principal : people()) {
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(plainProducer(principal))) {
                for (Topic topic : Topic.values()) {
                    boolean allowed = AccessControl.of(topic).writers().contains(principal);
                    String outcome = write(producer, topic);
                    if (allowed != outcome.equals("written")) {
                        wrong.add(principal.userName + " writing " + topic.topicName + ": " + outcome);
                    }
                }
            }
        }
        assertThat(wrong).as("writes the broker decided otherwise than the table").isEmpty();
    }

    @Test
    void everyPrincipalReadsExactlyTheTopicsTheTableLetsItRead() {
        List<String> wrong = new ArrayList<>();
        for (Principal principal : people()) {
            for (Topic topic : Topic.values()) {
                boolean allowed = AccessControl.of(topic).readers().contains(principal);
                String outcome = read(principal, topic);
                if (allowed != outcome.equals("read")) {
                    wrong.add(principal.userName + " reading " + topic.topicName + ": " + outcome);
                }
            }
        }
        assertThat(wrong).as("reads the broker decided otherwise than the table").isEmpty();
    }

    @Test
    void aCommandResultFromAPrincipalThatIsNotAnExecutingServiceIsRefusedAndNeverReachesTheTopic() {
        String environment = "env-forged-" + UUID.randomUUID();
        TopicRecords results = TopicRecords.of(Topic.COMMAND_RESULTS);
        List<String> forged = new ArrayList<>();
        for (Principal principal : List.of(Principal.TAKEOVER_ORCHESTRATOR, Principal.HEALTH_MONITOR, Principal.OPERATOR,
                Principal.SUBSCRIBER, Principal.SCHEMA_REGISTRY)) {
            String commandId = "forged-by-" + principal.userName + "-" + UUID.randomUUID();
            forged.add(commandId);
            assertThatThrownBy(() -> results.as(principal).send(environment, fencedSuccess(environment, commandId)))
                    .as(principal.userName).hasRootCauseInstanceOf(AuthorizationException.class);
        }
        String genuine = "answered-by-provisioner-" + UUID.randomUUID();
        results.as(Principal.PROVISIONER).send(environment, fencedSuccess(environment, genuine));

        List<String> arrived = TopicRecords.valuesFor(results.await(records -> TopicRecords.valuesFor(records, environment).stream()
                .anyMatch(v -> ((CommandResult) v).getCommandId().equals(genuine)), TIMEOUT), environment).stream()
                .map(v -> ((CommandResult) v).getCommandId()).toList();
        assertThat(arrived).containsExactly(genuine).doesNotContainAnyElementsOf(forged);
    }

    @Test
    void aPrincipalAllowedToWriteElsewhereGetsTheTopicNamedInItsRefusal() {
        assertThatThrownBy(() -> TopicRecords.of(Topic.COMMAND_RESULTS).as(Principal.HEALTH_MONITOR)
                .send("env-forged", fencedSuccess("env-forged", "forged-" + UUID.randomUUID())))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class)
                .hasRootCauseMessage("Not authorized to access topics: [" + Topic.COMMAND_RESULTS.topicName + "]");
    }

    @Test
    void theSubscriberReadsThePublicTopicButMayNotWriteItNorReadACommand() {
        String environment = "env-subscribed-" + UUID.randomUUID();
        TopicRecords events = TopicRecords.of(Topic.TAKEOVER_EVENTS);
        events.as(Principal.TAKEOVER_ORCHESTRATOR).send(environment, started(environment, "by the orchestrator"));

        assertThat(TopicRecords.valuesFor(events.as(Principal.SUBSCRIBER).await(records ->
                !TopicRecords.valuesFor(records, environment).isEmpty(), TIMEOUT), environment))
                .extracting(v -> ((TakeoverStarted) v).getReason()).containsExactly("by the orchestrator");
        assertThatThrownBy(() -> events.as(Principal.SUBSCRIBER).send(environment, started(environment, "by the subscriber")))
                .hasRootCauseInstanceOf(AuthorizationException.class);
        assertThatThrownBy(() -> TopicRecords.of(Topic.PROVISIONER_COMMANDS).as(Principal.SUBSCRIBER).sofar(TIMEOUT))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThat(TopicRecords.valuesFor(events.sofar(TIMEOUT), environment)).extracting(v -> ((TakeoverStarted) v).getReason())
                .containsExactly("by the orchestrator");
    }

    /** Everyone but the administrator, who may do everything. */
    private static List<Principal> people() {
        return Arrays.stream(Principal.values()).filter(p -> p != Principal.ADMIN).toList();
    }

    /** Not idempotent: no producer id to be refused, so each topic's answer is the topic's own ACL. */
    private static Map<String, Object> plainProducer(Principal principal) {
        Map<String, Object> config = new HashMap<>(infrastructure.kafkaConfig(principal));
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    private static String write(KafkaProducer<byte[], byte[]> producer, Topic topic) {
        try {
            producer.send(new ProducerRecord<>(topic.topicName, "env-access".getBytes(StandardCharsets.UTF_8), new byte[]{2}))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return "written";
        } catch (ExecutionException e) {
            return "refused (" + e.getCause() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException | org.apache.kafka.common.errors.TimeoutException e) {
            return "no answer (" + e + ")";
        }
    }

    /** Assigned, no group: whether a fetch from the topic's beginning brings a record or the broker's refusal. */
    private static String read(Principal principal, Topic topic) {
        Map<String, Object> config = new HashMap<>(infrastructure.kafkaConfig(principal));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int partition = 0; partition < Topic.DEFAULT_PARTITIONS; partition++) {
                partitions.add(new TopicPartition(topic.topicName, partition));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (Instant.now().isBefore(deadline)) {
                if (!consumer.poll(Duration.ofMillis(200)).isEmpty()) {
                    return "read";
                }
            }
            return "nothing arrived within " + TIMEOUT;
        } catch (AuthorizationException e) {
            return "refused (" + e + ")";
        }
    }

    private static CommandResult fencedSuccess(String environment, String commandId) {
        return CommandResult.newBuilder()
                .setMeta(meta(environment, "provisioner"))
                .setCommandId(commandId).setCommand("StopInstance").setOutcome(CommandOutcome.SUCCEEDED).build();
    }

    private static TakeoverStarted started(String environment, String reason) {
        return TakeoverStarted.newBuilder().setMeta(meta(environment, "takeover-orchestrator"))
                .setKind(TakeoverKind.MASTER_TAKEOVER).setFailedInstanceId("i-master").setReason(reason).build();
    }

    private static EventMetadata meta(String environment, String producer) {
        return EventMetadata.newBuilder().setEventId(UUID.randomUUID().toString()).setEnvironmentId(environment)
                .setOccurredAt(Instant.now()).setProducer(producer).build();
    }
}
