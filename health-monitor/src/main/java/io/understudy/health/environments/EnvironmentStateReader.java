package io.understudy.health.environments;

import io.understudy.contract.EnvironmentState;
import io.understudy.kafka.KafkaAccess;
import io.understudy.schemas.registry.SchemaRegistryException;
import io.understudy.schemas.serde.AvroDeserializer;
import io.understudy.schemas.serde.AvroSerializer;
import io.understudy.schemas.topic.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Follows the compacted environment-state topic, on its own thread, for the partitions of its {@link PartitionShare}
 * (checked every second), and tells its listener. Assigned, not subscribed: a partition may be read by several
 * replicas. Offsets are never committed: every partition taken on is read from the beginning, which rebuilds the
 * latest state of each of its environments; partitions kept keep their history. A record the registry cannot decode
 * now is read again later; one that can never be decoded is skipped.
 */
public final class EnvironmentStateReader implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EnvironmentStateReader.class);
    private static final Duration REGISTRY_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MEMBERSHIP_CHECK = Duration.ofSeconds(1);

    private final String reader;
    private final Consumer<String, byte[]> consumer;
    private final Deserializer<SpecificRecord> values;
    private final PartitionShare share;
    private final EnvironmentStateListener listener;
    private final Clock clock;
    private final Thread thread;
    private volatile Set<Integer> observed = Set.of();
    private volatile boolean running = true;

    /** @param reader who reads, for the logs and the thread's name */
    public EnvironmentStateReader(String reader, Consumer<String, byte[]> consumer, Deserializer<SpecificRecord> values,
                                  PartitionShare share, EnvironmentStateListener listener, Clock clock) {
        this.reader = reader;
        this.consumer = consumer;
        this.values = values;
        this.share = share;
        this.listener = listener;
        this.clock = clock;
        this.thread = new Thread(this, reader + "-environment-state");
    }

    /**
     * The consumer every reader needs: no group, so no offsets and no rebalances of its own; only committed state,
     * since the environment state is written in the orchestrator's transactions and aborted ones are not state.
     */
    public static KafkaConsumer<String, byte[]> consumer(KafkaAccess kafka, String clientId) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    public static Deserializer<SpecificRecord> values(String registryUrl) {
        AvroDeserializer values = new AvroDeserializer();
        values.configure(Map.of(AvroSerializer.REGISTRY_URL, registryUrl), false);
        return values;
    }

    public EnvironmentStateReader start() {
        thread.start();
        return this;
    }

    public boolean isRunning() {
        return thread.isAlive();
    }

    /** The partitions of the environment state read now. */
    public Set<Integer> observedPartitions() {
        return observed;
    }

    @Override
    public void run() {
        try {
            Instant nextCheck = Instant.MIN;
            while (running) {
                if (!clock.instant().isBefore(nextCheck)) {
                    reassign();
                    nextCheck = clock.instant().plus(MEMBERSHIP_CHECK);
                }
                if (observed.isEmpty()) {
                    TimeUnit.MILLISECONDS.sleep(MEMBERSHIP_CHECK.toMillis());
                    continue;
                }
                ConsumerRecords<String, byte[]> records = consumer.poll(MEMBERSHIP_CHECK);
                for (TopicPartition partition : records.partitions()) {
                    if (!follow(records.records(partition))) {
                        TimeUnit.MILLISECONDS.sleep(REGISTRY_BACKOFF.toMillis());
                    }
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("{}: environment-state reader stopped", reader, e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /** A broker that cannot tell the partitions now leaves the assignment as it is until the next check. */
    private void reassign() {
        int partitions;
        try {
            partitions = consumer.partitionsFor(Topic.ENVIRONMENT_STATE.topicName).size();
        } catch (KafkaException e) {
            log.warn("{}: cannot learn the partitions of {}, keeping {}: {}", reader, Topic.ENVIRONMENT_STATE.topicName,
                    observed, e.toString());
            return;
        }
        Set<Integer> wanted = share.of(partitions);
        if (wanted.equals(observed)) {
            return;
        }
        Set<Integer> released = new TreeSet<>(observed);
        released.removeAll(wanted);
        Set<Integer> added = new TreeSet<>(wanted);
        added.removeAll(observed);
        consumer.assign(wanted.stream().map(EnvironmentStateReader::partition).toList());
        consumer.seekToBeginning(added.stream().map(EnvironmentStateReader::partition).toList());
        if (!released.isEmpty()) {
            listener.released(released);
        }
        log.info("{}: reading environment state partitions {} (taking on {}, releasing {})", reader, new TreeSet<>(wanted),
                added, released);
        observed = Set.copyOf(wanted);
    }

    private static TopicPartition partition(int number) {
        return new TopicPartition(Topic.ENVIRONMENT_STATE.topicName, number);
    }

    /** @return false if the registry could not be reached: the rest of the partition is read again later */
    private boolean follow(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                apply(record);
            } catch (SchemaRegistryException e) {
                if (!e.retriable() && !e.credentialsRefused()) {
                    log.error("skipping {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
                    continue;
                }
                if (e.credentialsRefused()) {
                    // configuration, not the record: keep it, and say so loudly until the credentials are fixed
                    log.error("schema registry refused our credentials, reading {}-{} again from {}: {}",
                            record.topic(), record.partition(), record.offset(), e.getMessage());
                } else {
                    log.warn("schema registry unavailable, reading {}-{} again from {}: {}",
                            record.topic(), record.partition(), record.offset(), e.getMessage());
                }
                consumer.seek(new TopicPartition(record.topic(), record.partition()), record.offset());
                return false;
            }
        }
        return true;
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        String environmentId = record.key();
        if (record.value() == null) {
            if (environmentId != null) {
                listener.removed(environmentId);
            }
            return;
        }
        SpecificRecord value;
        try {
            value = values.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            log.error("skipping undecodable {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            return;
        }
        if (!(value instanceof EnvironmentState state)) {
            log.error("skipping {}-{}@{}: a {} is not an environment state", record.topic(), record.partition(),
                    record.offset(), value.getSchema().getFullName());
            return;
        }
        listener.changed(record.partition(), environmentId != null ? environmentId : state.getEnvironmentId(), state);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
