package io.understudy.crash;

import io.understudy.schemas.serde.AvroDeserializer;
import io.understudy.schemas.topic.Topic;
import io.understudy.testing.Infrastructure;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything committed on a topic up to its end as of now (transaction markers included in the positions), so
 * that "exactly one" is counted over all that was written, not over what arrived before a condition held.
 */
final class TopicToEnd {
    private TopicToEnd() {
    }

    static List<SpecificRecord> values(Infrastructure infrastructure, Topic topic, String key) {
        Map<String, Object> config = new HashMap<>(infrastructure.kafkaConfig());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        AvroDeserializer values = new AvroDeserializer();
        values.configure(config, false);
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.topicName).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(60);
            List<SpecificRecord> seen = new ArrayList<>();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("could not read " + topic.topicName + " to its end " + end);
                }
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        seen.add(record.value());
                    }
                }
            }
            return seen;
        }
    }
}
