package io.understudy.health.impending;

import io.understudy.contract.EnvironmentState;
import io.understudy.contract.Instance;
import io.understudy.health.environments.EnvironmentStateListener;
import io.understudy.health.environments.EnvironmentStateReader;
import io.understudy.health.environments.PartitionShare;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.serialization.Deserializer;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which instances belong to which environment, read from the environment state over every partition: every
 * replica so watches every environment; the events it writes have ids derived from their cause, so the orchestrator
 * recognises the same warning from two replicas as one.
 */
public final class WatchedInstances implements EnvironmentStateListener, AutoCloseable {
    private final Map<String, List<String>> instancesByEnvironment = new ConcurrentHashMap<>();
    private final EnvironmentStateReader reader;

    private WatchedInstances(Consumer<String, byte[]> consumer, Deserializer<SpecificRecord> values) {
        this.reader = new EnvironmentStateReader("impending", consumer, values, PartitionShare.all(), this, Clock.systemUTC());
    }

    /** Starts reading; until the first states are read, no instance is watched. */
    public static WatchedInstances reading(Consumer<String, byte[]> consumer, Deserializer<SpecificRecord> values) {
        WatchedInstances watched = new WatchedInstances(consumer, values);
        watched.reader.start();
        return watched;
    }

    /** Instance id to environment id, as read so far. */
    public Map<String, String> environmentOf() {
        Map<String, String> environmentOf = new HashMap<>();
        instancesByEnvironment.forEach((environment, instances) -> instances.forEach(i -> environmentOf.put(i, environment)));
        return environmentOf;
    }

    @Override
    public void changed(int partition, String environmentId, EnvironmentState state) {
        instancesByEnvironment.put(environmentId, state.getInstances().stream().map(Instance::getInstanceId).toList());
    }

    @Override
    public void removed(String environmentId) {
        instancesByEnvironment.remove(environmentId);
    }

    /** Never: every partition is read. */
    @Override
    public void released(Set<Integer> partitions) {
    }

    @Override
    public void close() {
        reader.close();
    }
}
