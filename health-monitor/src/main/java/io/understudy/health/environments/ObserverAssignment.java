package io.understudy.health.environments;

import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Which partitions of the environment state a replica watches: rendezvous hashing of each partition over the live
 * replicas, the top {@code observers} of each partition watching it. Every replica computes the same answer from
 * the same membership, each partition gets {@code min(observers, replicas)} distinct observers, and a replica
 * joining or leaving moves only the partitions it wins or held. Pure.
 */
public final class ObserverAssignment {
    private ObserverAssignment() {
    }

    public static Set<Integer> partitionsOf(String replica, Set<String> liveReplicas, int partitions, int observers) {
        Set<String> members = new TreeSet<>(liveReplicas);
        members.add(replica);
        return IntStream.range(0, partitions)
                .filter(p -> members.stream()
                        .sorted(Comparator.comparingLong((String r) -> weight(r, p)).reversed().thenComparing(r -> r))
                        .limit(observers)
                        .anyMatch(replica::equals))
                .boxed()
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static long weight(String replica, int partition) {
        return Utils.murmur2((replica + "#" + partition).getBytes(StandardCharsets.UTF_8)) & 0xffffffffL;
    }
}
