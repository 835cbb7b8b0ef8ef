package io.understudy.health.environments;

import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Which partitions of the environment state a reader reads, out of how many the topic has now. */
@FunctionalInterface
public interface PartitionShare {

    Set<Integer> of(int partitions);

    /** Every environment, whoever else reads it. */
    static PartitionShare all() {
        return partitions -> IntStream.range(0, partitions).boxed().collect(Collectors.toUnmodifiableSet());
    }

    /**
     * This observer's share ({@link ObserverAssignment} over the live replicas): each partition is watched by
     * {@code observers} replicas.
     *
     * @param liveReplicas the replicas currently alive, by replica id (this one may be missing)
     */
    static PartitionShare observer(String replicaId, Supplier<Set<String>> liveReplicas, int observers) {
        return partitions -> ObserverAssignment.partitionsOf(replicaId, liveReplicas.get(), partitions, observers);
    }
}
