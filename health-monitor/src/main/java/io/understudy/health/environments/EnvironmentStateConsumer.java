package io.understudy.health.environments;

import io.understudy.contract.EnvironmentState;
import io.understudy.health.watch.HealthWatch;
import io.understudy.health.watch.ProbeTargets;
import io.understudy.schemas.registry.SchemaRegistryException;
import io.understudy.schemas.topic.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Follows the compacted environment-state topic for the partitions this replica observes: assigned, not
 * subscribed, because each partition is watched by several replicas ({@link ObserverAssignment} over the live
 * replicas, checked every second). Offsets are never committed: every partition taken on is read from the
 * beginning, which rebuilds the latest state of each of its environments; partitions kept keep their history.
 */
public final class EnvironmentStateConsumer implements Runnable, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EnvironmentStateConsumer.class);
    private static final Duration REGISTRY_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MEMBERSHIP_CHECK = Duration.ofSeconds(1);

    private final Consumer<String, byte[]> consumer;
    private final Deserializer<SpecificRecord> values;
    private final HealthWatch watch;
    private final Clock clock;
    private final String replicaId;
    private final Supplier<Set<String>> liveReplicas;
    private final int observers;
    private final Thread thread;
    private Set<Integer> observed = Set.of();
    private volatile boolean running = true;

    /**
     * @param liveReplicas the replicas currently alive, by replica id (this one may be missing)
     * @param observers    replicas that watch each partition, n
     */
    public EnvironmentStateConsumer(Consumer<String, byte[]> consumer, Deserializer<SpecificRecord> values,
                                    HealthWatch watch, Clock clock, String replicaId,
                                    Supplier<Set<String>> liveReplicas, int observers) {
        this.consumer = consumer;
        this.values = values;
        this.watch = watch;
        this.clock = clock;
        this.replicaId = replicaId;
        this.liveReplicas = liveReplicas;
        this.observers = observers;
        this.thread = new Thread(this, "environment-state-consumer");
    }

    public void start() {
        thread.start();
    }

    public boolean isRunning() {
        return thread.isAlive();
    }

    /** The partitions of the environment state this replica observes now. */
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
            log.error("environment-state consumer stopped", e);
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
            log.warn("cannot learn the partitions of {}, keeping {}: {}", Topic.ENVIRONMENT_STATE.topicName, observed, e.toString());
            return;
        }
        Set<Integer> wanted = ObserverAssignment.partitionsOf(replicaId, liveReplicas.get(), partitions, observers);
        if (wanted.equals(observed)) {
            return;
        }
        Set<Integer> released = new TreeSet<>(observed);
        released.removeAll(wanted);
        Set<Integer> added = new TreeSet<>(wanted);
        added.removeAll(observed);
        consumer.assign(wanted.stream().map(EnvironmentStateConsumer::partition).toList());
        consumer.seekToBeginning(added.stream().map(EnvironmentStateConsumer::partition).toList());
        if (!released.isEmpty()) {
            watch.partitionsReleased(released, clock.instant());
        }
        log.info("observing environment state partitions {} (taking on {}, releasing {})", wanted, added, released);
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
                    consumer.seek(new TopicPartition(record.topic(), record.partition()), record.offset());
                    return false;
                }
                log.warn("schema registry unavailable, reading {}-{} again from {}: {}",
                        record.topic(), record.partition(), record.offset(), e.getMessage());
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
                watch.environmentRemoved(environmentId, clock.instant());
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
        String id = environmentId != null ? environmentId : state.getEnvironmentId();
        watch.environmentChanged(record.partition(), id, ProbeTargets.of(id, state), state.getUpdatedAt(), clock.instant());
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
