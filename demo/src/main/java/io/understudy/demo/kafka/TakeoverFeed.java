package io.understudy.demo.kafka;

import io.understudy.demo.takeover.TakeoverNews;
import io.understudy.schemas.access.Principal;
import io.understudy.schemas.serde.AvroDeserializer;
import io.understudy.schemas.topic.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Follows one environment's health events and public takeover events as they are committed, from the start of
 * both topics (assigned partitions, no consumer group: watching must not disturb anyone), and hands each on as
 * {@link TakeoverNews} on its own thread. A record that cannot be read is skipped, never fatal.
 */
public final class TakeoverFeed implements AutoCloseable {
    private static final List<Topic> TOPICS = List.of(Topic.HEALTH_EVENTS, Topic.TAKEOVER_EVENTS);

    private final KafkaConsumer<String, SpecificRecord> consumer;
    private final String environmentId;
    private final Consumer<TakeoverNews> listener;
    private final Thread thread;
    private volatile boolean running = true;

    private TakeoverFeed(KafkaConsumer<String, SpecificRecord> consumer, String environmentId, Consumer<TakeoverNews> listener) {
        this.consumer = consumer;
        this.environmentId = environmentId;
        this.listener = listener;
        this.thread = new Thread(this::follow, "takeover-feed");
        thread.setDaemon(true);
    }

    public static TakeoverFeed follow(KafkaAddresses kafka, String environmentId, Consumer<TakeoverNews> listener) {
        // as the operator, who may read the health events and the public ones
        Map<String, Object> config = kafka.clientConfig(Principal.OPERATOR);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        AvroDeserializer values = new AvroDeserializer();
        values.configure(config, false);
        KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic topic : TOPICS) {
            consumer.partitionsFor(topic.topicName, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        TakeoverFeed feed = new TakeoverFeed(consumer, environmentId, listener);
        feed.thread.start();
        return feed;
    }

    private void follow() {
        try {
            while (running) {
                try {
                    for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(100))) {
                        if (environmentId.equals(record.key()) && record.value() != null) {
                            NewsTranslator.translate(record.value()).ifPresent(listener);
                        }
                    }
                } catch (RecordDeserializationException poison) {
                    consumer.seek(poison.topicPartition(), poison.offset() + 1);
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
