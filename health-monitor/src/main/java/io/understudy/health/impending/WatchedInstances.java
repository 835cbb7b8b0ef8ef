package io.understudy.health.impending;

import io.understudy.contract.EnvironmentState;
import io.understudy.contract.Instance;
import io.understudy.schemas.topic.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which instances belong to which environment, read from the compacted environment-state topic: every partition,
 * from the beginning, without a group. Every replica so watches every environment; the events it writes have ids
 * derived from their cause, so the orchestrator recognises the same warning from two replicas as one.
 */
public final class WatchedInstances implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WatchedInstances.class);

    private final Consumer<String, byte[]> consumer;
    private final Deserializer<SpecificRecord> values;
    private final Map<String, List<String>> instancesByEnvironment = new HashMap<>();

    public WatchedInstances(Consumer<String, byte[]> consumer, Deserializer<SpecificRecord> values) {
        this.consumer = consumer;
        this.values = values;
    }

    /** Reads what arrived since the last call; returns instance id to environment id. */
    public Map<String, String> refresh(Duration wait) {
        if (consumer.assignment().isEmpty() && !assign()) {
            return Map.of();
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(wait)) {
            apply(record);
        }
        Map<String, String> environmentOf = new HashMap<>();
        instancesByEnvironment.forEach((environment, instances) -> instances.forEach(i -> environmentOf.put(i, environment)));
        return environmentOf;
    }

    /** The topic may not exist yet when the monitor starts before the orchestrator: then the next round tries again. */
    private boolean assign() {
        List<TopicPartition> partitions = consumer.partitionsFor(Topic.ENVIRONMENT_STATE.topicName).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return !partitions.isEmpty();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            instancesByEnvironment.remove(record.key());
            return;
        }
        try {
            if (values.deserialize(record.topic(), record.value()) instanceof EnvironmentState state) {
                instancesByEnvironment.put(state.getEnvironmentId(),
                        state.getInstances().stream().map(Instance::getInstanceId).toList());
            }
        } catch (RuntimeException e) {
            // one unreadable state must not stop the watch over every other environment
            LOG.error("skipping {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
