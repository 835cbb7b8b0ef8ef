package io.understudy.health;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** The health topic as a test reads it to show that something did not happen. */
final class HealthTopic {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private HealthTopic() {
    }

    /** Everything on the health topic for one environment, up to the topic's end as of now. */
    static List<ConsumerRecord<String, SpecificRecord>> soFar(String env) {
        Map<String, Object> config = new HashMap<>(Infrastructure.get().kafkaConfig());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // the quorum writes in transactions: records of an aborted one are not events (they would count twice)
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        AvroDeserializer values = new AvroDeserializer();
        values.configure(config, false);
        List<ConsumerRecord<String, SpecificRecord>> seen = new ArrayList<>();
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topic.HEALTH_EVENTS.topicName).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(DEADLINE).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
                return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
        }
        return seen.stream().filter(r -> env.equals(r.key())).toList();
    }
}
