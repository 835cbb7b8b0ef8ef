package io.understudy.signatures;

import io.understudy.schemas.serde.AvroSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Operator commands as an operator writes them: the key (the environment id, UTF-8) and the value (Confluent wire
 * format) serialized first, signed over exactly those bytes, and sent as bytes with the signature headers, so that
 * nothing between the signature and the broker can change what was signed. The one way the CLI, the demo and the
 * tests write operator commands.
 */
public final class SignedOperatorCommands {
    private SignedOperatorCommands() {
    }

    /** {@code value} already serialized: the record to send, signed by {@code operator}. */
    public static ProducerRecord<byte[], byte[]> signed(String topic, String key, byte[] value, OperatorKey operator) {
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        List<org.apache.kafka.common.header.Header> headers = new ArrayList<>();
        operator.sign(topic, keyBytes, value).forEach((name, bytes) -> headers.add(new RecordHeader(name, bytes)));
        return new ProducerRecord<>(topic, null, keyBytes, value, headers);
    }

    /** {@code value} serialized with {@code values} for {@code topic}, then signed. */
    public static ProducerRecord<byte[], byte[]> signed(String topic, String key, SpecificRecord value,
                                                        Serializer<SpecificRecord> values, OperatorKey operator) {
        return signed(topic, key, values.serialize(topic, value), operator);
    }

    /**
     * Sends one command signed by {@code operator} through a producer of its own made from {@code producerConfig}
     * (how to reach Kafka, and {@code schema.registry.url} for the value's serializer), and waits for the broker's
     * acknowledgement.
     */
    public static RecordMetadata send(Map<String, Object> producerConfig, String topic, String key, SpecificRecord value,
                                      OperatorKey operator, Duration timeout) {
        AvroSerializer values = new AvroSerializer();
        values.configure(producerConfig, false);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            return producer.send(signed(topic, key, value, values, operator)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before Kafka acknowledged the command", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take the command: " + e.getMessage(), e);
        }
    }
}
