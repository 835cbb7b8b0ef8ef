package io.understudy.operator.log;

import io.understudy.operator.connection.Connection;
import io.understudy.schemas.serde.AvroDeserializer;
import io.understudy.schemas.topic.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.BooleanSupplier;

/**
 * Reads one topic from its beginning with a consumer of its own (assigned, no group: an operator's command
 * never disturbs the services' groups). Records that do not decode are counted and passed over, as the
 * dead-letter topic already holds them.
 */
public final class TopicReader implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, SpecificRecord> consumer;
    private final List<TopicPartition> partitions;
    private int undecodable;

    public TopicReader(Connection connection, Topic topic) {
        Map<String, Object> config = connection.clientConfig();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        AvroDeserializer values = new AvroDeserializer();
        values.configure(config, false);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
        try {
            partitions = consumer.partitionsFor(topic.topicName, Duration.ofSeconds(15)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        } catch (TimeoutException e) {
            consumer.close(Duration.ZERO);
            throw new IllegalStateException("no answer from Kafka (" + connection.kafka().describe()
                    + ") within 15 s: start the dev stack (./understudy stack up) or say where Kafka is"
                    + " (--kafka-config, KAFKA_BOOTSTRAP_SERVERS, --bootstrap-servers)", e);
        }
        if (partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic.topicName + " does not exist: has the orchestrator ever run?");
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Every record up to the end of the topic as it is now, in partition order. */
    public void readToEnd(Consumer<ConsumerRecord<String, SpecificRecord>> each) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            poll(each);
        }
    }

    /** Every record, also those still to come, until {@code stop} says so. */
    public void follow(Consumer<ConsumerRecord<String, SpecificRecord>> each, BooleanSupplier stop) {
        while (!stop.getAsBoolean()) {
            poll(each);
        }
    }

    public int undecodable() {
        return undecodable;
    }

    private void poll(Consumer<ConsumerRecord<String, SpecificRecord>> each) {
        try {
            consumer.poll(POLL).forEach(each);
        } catch (RecordDeserializationException poison) {
            consumer.seek(poison.topicPartition(), poison.offset() + 1);
            undecodable++;
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
