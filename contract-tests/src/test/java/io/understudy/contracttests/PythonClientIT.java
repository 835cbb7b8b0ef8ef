package io.understudy.contracttests;

import io.understudy.contract.EventMetadata;
import io.understudy.contract.TakeoverKind;
import io.understudy.contract.TakeoverStarted;
import io.understudy.http.BasicCredentials;
import io.understudy.kafka.KafkaSettings;
import io.understudy.registry.EmbeddedSchemaRegistry;
import io.understudy.registry.access.ReadAccess;
import io.understudy.registry.access.RegistryAccess;
import io.understudy.schemas.access.Principal;
import io.understudy.schemas.registry.ContractPublication;
import io.understudy.schemas.registry.HttpSchemaRegistryClient;
import io.understudy.schemas.topic.Topic;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.TopicRecords;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subscribers need no Understudy code: confluent-kafka for Python, with its own SchemaRegistryClient, Avro
 * deserializer and serializer, reads every public event type we write, and what it writes we read. On the suite's
 * secured broker it connects over SASL_SSL: as the read-only subscriber, which may not write the topic it reads, and
 * as the orchestrator to write it. The registry takes HTTP basic credentials: the subscriber reads with the reader's,
 * the orchestrator's stand-in registers with the writer's, and confluent-kafka's own client meets the refusals.
 */
class PythonClientIT {
    private static Infrastructure infrastructure;

    @BeforeAll
    static void publishTheContract() {
        infrastructure = Infrastructure.get();
        infrastructure.createTopics();
        ContractPublication.publish(new HttpSchemaRegistryClient(infrastructure.registryUrl()), List.of(Topic.TAKEOVER_EVENTS));
    }

    @Test
    void aPythonSubscriberDecodesEveryPublicEventType() throws Exception {
        String environment = "env-py-sub-" + UUID.randomUUID();
        TopicRecords events = TopicRecords.of(Topic.TAKEOVER_EVENTS);
        PublicEvents.oneOfEach(environment).forEach(event -> events.send(environment, event));

        PythonClient.Run run = PythonClient.pytest("test_subscriber.py", pythonEnvironment(environment, Principal.SUBSCRIBER,
                infrastructure.registry().access().reader().orElseThrow()));

        assertThat(run.exitCode()).as("pytest test_subscriber.py:\n" + run.output()).isZero();
        assertThat(run.output()).contains("3 passed");
        assertThat(TopicRecords.valuesFor(events.sofar(Duration.ofSeconds(30)), environment))
                .as("only what Understudy wrote: the subscriber's record was refused").hasSize(PublicEvents.oneOfEach(environment).size());
    }

    @Test
    void aRecordWrittenByThePythonClientIsDecodedByUnderstudy() throws Exception {
        String environment = "env-py-pub-" + UUID.randomUUID();

        // only the orchestrator writes the public topic: the Python client takes its principal to show its records read back
        PythonClient.Run run = PythonClient.pytest("test_producer.py", pythonEnvironment(environment, Principal.TAKEOVER_ORCHESTRATOR,
                infrastructure.registry().access().writer().orElseThrow()));

        assertThat(run.exitCode()).as("pytest test_producer.py:\n" + run.output()).isZero();
        List<ConsumerRecord<String, SpecificRecord>> written = TopicRecords.of(Topic.TAKEOVER_EVENTS).await(
                all -> all.stream().anyMatch(r -> environment.equals(r.key())), Duration.ofSeconds(30));
        TakeoverStarted started = written.stream().filter(r -> environment.equals(r.key()))
                .map(ConsumerRecord::value).map(TakeoverStarted.class::cast).findFirst().orElseThrow();
        EventMetadata meta = started.getMeta();
        assertThat(meta.getEnvironmentId()).isEqualTo(environment);
        assertThat(meta.getProducer()).isEqualTo("confluent-kafka-python");
        assertThat(meta.getOccurredAt()).isEqualTo(PublicEvents.STARTED);
        assertThat(started.getKind()).isEqualTo(TakeoverKind.PLANNED_TAKEOVER);
        assertThat(started.getFailedInstanceId()).isEqualTo("i-retiring");
        assertThat(started.getCandidateInstanceId()).isNull();
    }

    @Test
    void confluentsRegistryClientMeetsTheRegistrysCredentialsWithAuthenticatedReads() throws Exception {
        PythonClient.Run run = PythonClient.pytest("test_registry_access.py", registryAccessEnvironment(infrastructure.registry()));

        assertThat(run.exitCode()).as("pytest test_registry_access.py:\n" + run.output()).isZero();
        assertThat(run.output()).contains("5 passed");
    }

    @Test
    void confluentsRegistryClientMeetsTheRegistrysCredentialsWithOpenReads() throws Exception {
        // a registry of its own with reads open, on the suite's broker as its administrator (its own schema log)
        try (EmbeddedSchemaRegistry open = EmbeddedSchemaRegistry.start(infrastructure.kafkaSettings(Principal.ADMIN), 0,
                RegistryAccess.generated(ReadAccess.OPEN), Map.of("understudy.registry.topic", "_schemas-open-" + UUID.randomUUID()))) {
            PythonClient.Run run = PythonClient.pytest("test_registry_access.py", registryAccessEnvironment(open));

            assertThat(run.exitCode()).as("pytest test_registry_access.py:\n" + run.output()).isZero();
            assertThat(run.output()).contains("5 passed");
        }
    }

    /** The registry's plain address, its two users and how it lets reads in, in test_registry_access.py's names. */
    private static Map<String, String> registryAccessEnvironment(EmbeddedSchemaRegistry registry) {
        return Map.of("INTEROP_REGISTRY_ADDRESS", registry.url(),
                "INTEROP_REGISTRY_WRITER", registry.access().writer().orElseThrow().userInfo(),
                "INTEROP_REGISTRY_READER", registry.access().reader().orElseThrow().userInfo(),
                "INTEROP_REGISTRY_READS", registry.access().reads().setting());
    }

    /**
     * Where the broker and the registry are, and the principal's credentials for both (the registry's as
     * {@code basic.auth.user.info}), in conftest.py's names.
     */
    private static Map<String, String> pythonEnvironment(String environment, Principal principal, BasicCredentials registryUser) {
        KafkaSettings kafka = infrastructure.kafkaSettings(principal);
        Map<String, String> variables = new HashMap<>(Map.of("INTEROP_BOOTSTRAP", infrastructure.bootstrapServers(),
                "INTEROP_REGISTRY", infrastructure.registryAddress(),
                "INTEROP_REGISTRY_USER_INFO", registryUser.userInfo(),
                "INTEROP_TOPIC", Topic.TAKEOVER_EVENTS.topicName,
                "INTEROP_ENVIRONMENT", environment));
        kafka.get(KafkaSettings.SECURITY_PROTOCOL).ifPresent(protocol -> variables.put("INTEROP_SECURITY_PROTOCOL", protocol));
        kafka.get(KafkaSettings.SASL_MECHANISM).ifPresent(mechanism -> variables.put("INTEROP_SASL_MECHANISM", mechanism));
        kafka.get(KafkaSettings.SASL_USERNAME).ifPresent(user -> variables.put("INTEROP_SASL_USERNAME", user));
        kafka.get(KafkaSettings.SASL_PASSWORD).ifPresent(password -> variables.put("INTEROP_SASL_PASSWORD", password));
        kafka.get(KafkaSettings.SSL_CA_FILE).ifPresent(ca -> variables.put("INTEROP_CA", ca));
        return variables;
    }
}
