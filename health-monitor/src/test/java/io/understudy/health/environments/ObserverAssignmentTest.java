package io.understudy.health.environments;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ObserverAssignmentTest {
    private static final int PARTITIONS = 12;

    @Test
    void a_lone_replica_observes_every_partition() {
        assertThat(ObserverAssignment.partitionsOf("r1", Set.of(), PARTITIONS, 3)).hasSize(PARTITIONS);
        assertThat(ObserverAssignment.partitionsOf("r1", Set.of("r1"), PARTITIONS, 3)).hasSize(PARTITIONS);
    }

    @Test
    void each_partition_is_observed_by_n_distinct_replicas() {
        Set<String> replicas = Set.of("r1", "r2", "r3", "r4", "r5");

        Map<Integer, Integer> observers = observersPerPartition(replicas, 3);

        assertThat(observers).hasSize(PARTITIONS).allSatisfy((partition, count) -> assertThat(count).isEqualTo(3));
    }

    @Test
    void with_fewer_replicas_than_n_every_replica_observes_everything() {
        assertThat(observersPerPartition(Set.of("r1", "r2"), 3)).allSatisfy((partition, count) -> assertThat(count).isEqualTo(2));
    }

    @Test
    void adding_a_replica_spreads_the_load_and_moves_only_what_the_newcomer_takes() {
        Set<String> before = Set.of("r1", "r2", "r3", "r4");
        Set<String> after = Set.of("r1", "r2", "r3", "r4", "r5");
        int loadBefore = 0;
        int loadAfter = 0;
        for (String replica : List.of("r1", "r2", "r3", "r4")) {
            Set<Integer> had = ObserverAssignment.partitionsOf(replica, before, PARTITIONS, 3);
            Set<Integer> has = ObserverAssignment.partitionsOf(replica, after, PARTITIONS, 3);
            assertThat(had).as("%s only gives partitions away", replica).containsAll(has);
            loadBefore += had.size();
            loadAfter += has.size();
        }
        int newcomer = ObserverAssignment.partitionsOf("r5", after, PARTITIONS, 3).size();

        assertThat(newcomer).isPositive();
        assertThat(loadBefore - loadAfter).isEqualTo(newcomer);
    }

    private static Map<Integer, Integer> observersPerPartition(Set<String> replicas, int n) {
        Map<Integer, Integer> observers = new HashMap<>();
        IntStream.range(0, PARTITIONS).forEach(p -> observers.put(p, 0));
        for (String replica : replicas) {
            ObserverAssignment.partitionsOf(replica, replicas, PARTITIONS, n).forEach(p -> observers.merge(p, 1, Integer::sum));
        }
        return observers;
    }
}
