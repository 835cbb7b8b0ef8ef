package io.understudy.registry.store;

import io.understudy.registry.catalog.CatalogEvent;
import io.understudy.registry.catalog.CatalogLog;
import io.understudy.kafka.KafkaAccess;
import io.understudy.registry.catalog.RegistryError;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The catalog log in a compacted, single-partition Kafka topic (Confluent's {@code _schemas} design). One
 * partition keeps every event in order; this process must be the topic's only writer, because ids are assigned
 * from what it has read and a second writer would hand out the same ids.
 */
public final class KafkaCatalogLog implements CatalogLog, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaCatalogLog.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaAccess kafka;
    private final String topic;
    private final KafkaProducer<String, String> producer;

    public KafkaCatalogLog(KafkaAccess kafka, String topic, short replicationFactor) {
        this.kafka = kafka;
        this.topic = topic;
        createTopicIfMissing(replicationFactor);
        Map<String, Object> config = kafka.clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 2);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    @Override
    public void append(CatalogEvent event) {
        try {
            producer.send(new ProducerRecord<>(topic, 0, CatalogRecords.key(event), CatalogRecords.value(event)))
                    .get(TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryError.storeFailed("interrupted while writing to " + topic, e);
        } catch (Exception e) {
            throw RegistryError.storeFailed("cannot write to " + topic + " (" + kafka.describe() + "): " + e.getMessage(), e);
        }
    }

    @Override
    public void replay(Consumer<CatalogEvent> apply) {
        TopicPartition partition = new TopicPartition(topic, 0);
        Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
            Instant deadline = Instant.now().plus(TIMEOUT);
            int count = 0;
            while (consumer.position(partition, TIMEOUT) < end) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + topic + " to its end (" + end + ") within " + TIMEOUT);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    CatalogRecords.event(record.value()).ifPresent(apply);
                    count++;
                }
            }
            LOG.info("read {} records of {} up to offset {}", count, topic, end);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private void createTopicIfMissing(short replicationFactor) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, replicationFactor)
                    .configs(Map.of("cleanup.policy", "compact"))))
                    .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("created the schema log topic {}", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the schema log topic " + topic + ": " + e.getCause(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + topic, e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka (" + kafka.describe() + ") did not answer within " + TIMEOUT
                    + " while creating " + topic, e);
        }
    }
}
