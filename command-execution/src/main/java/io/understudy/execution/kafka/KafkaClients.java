package io.understudy.execution.kafka;

import io.micronaut.context.annotation.Value;
import io.understudy.kafka.KafkaAccess;
import io.understudy.schemas.serde.AvroDeserializer;
import io.understudy.schemas.serde.AvroSerializer;
import jakarta.inject.Singleton;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Map;
import java.util.Properties;

/**
 * Kafka clients for command execution. How to reach Kafka (brokers, TLS, SASL, any other client setting) is the
 * service's one {@link KafkaAccess}, from its {@code kafka.*} settings; the settings command execution depends on
 * are fixed here.
 */
@Singleton
public class KafkaClients {
    private final KafkaAccess kafka;
    private final String service;
    private final String registryUrl;
    private final CommandSettings settings;

    public KafkaClients(KafkaAccess kafka,
                        @Value("${micronaut.application.name}") String service,
                        @Value("${understudy.schema-registry.url}") String registryUrl,
                        CommandSettings settings) {
        this.kafka = kafka;
        this.service = service;
        this.registryUrl = registryUrl;
        this.settings = settings;
    }

    public String service() {
        return service;
    }

    public String registryUrl() {
        return registryUrl;
    }

    /** One record per poll: each command is committed on its own, after its result is acknowledged. */
    public Consumer<byte[], byte[]> commandConsumer() {
        return new KafkaConsumer<>(commandConsumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    Properties commandConsumerProperties() {
        Properties properties = base();
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, service);
        properties.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, settings.getGroupProtocol());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        // commands are written in the orchestrator's transactions: one from an aborted transaction must never run
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Long.toString(settings.getMaxPollInterval().toMillis()));
        properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, service + "-commands");
        if (settings.classicProtocol()) {
            // the consumer protocol refuses these: its broker owns the session
            properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(settings.getSessionTimeout().toMillis()));
            properties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(settings.getHeartbeatInterval().toMillis()));
        }
        if (!settings.getInstanceId().isBlank()) {
            properties.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, settings.getInstanceId());
        }
        return properties;
    }

    /** Reads the command ledger from its start; assigned, not in a group. Values decoded through the registry. */
    public Consumer<byte[], SpecificRecord> ledgerConsumer() {
        Properties properties = base();
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, service + "-ledger");
        AvroDeserializer values = new AvroDeserializer();
        values.configure(Map.of(AvroSerializer.REGISTRY_URL, registryUrl), false);
        return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), values);
    }

    /** Idempotent and fully acknowledged: a result is only counted as published once every replica has it. */
    public Producer<byte[], SpecificRecord> resultProducer() {
        Properties properties = base();
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        properties.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, service + "-results");
        Serializer<SpecificRecord> values = new AvroSerializer();
        values.configure(Map.of(AvroSerializer.REGISTRY_URL, registryUrl), false);
        return new KafkaProducer<>(properties, new ByteArraySerializer(), values);
    }

    public Admin admin() {
        return Admin.create(base());
    }

    private Properties base() {
        Properties properties = new Properties();
        properties.putAll(kafka.clientConfig());
        return properties;
    }
}
