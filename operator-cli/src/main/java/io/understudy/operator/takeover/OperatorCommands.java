package io.understudy.operator.takeover;

import io.understudy.operator.connection.Connection;
import io.understudy.schemas.serde.AvroSerializer;
import io.understudy.schemas.topic.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Publishes an operator's command, keyed by environment, and returns once Kafka has it on every replica. */
public final class OperatorCommands {
    private OperatorCommands() {
    }

    public static void send(Connection connection, String environment, SpecificRecord command) {
        Map<String, Object> config = connection.clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        AvroSerializer values = new AvroSerializer();
        values.configure(config, false);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config, new StringSerializer(), values)) {
            producer.send(new ProducerRecord<>(Topic.OPERATOR_COMMANDS.topicName, environment, command)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before Kafka acknowledged the command", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take the command: " + e.getMessage(), e);
        }
    }
}
