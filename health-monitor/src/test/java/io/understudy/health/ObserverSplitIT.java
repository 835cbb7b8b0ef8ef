package io.understudy.health;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.understudy.health.startup.HealthMonitorService;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.TopicRecords;
import io.understudy.schemas.topic.Topic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replicas learn of each other through the quorum's Kafka Streams membership and split the environment-state
 * partitions by rendezvous hashing: with one observer per partition, two replicas watch disjoint halves that
 * cover everything, and when one stops the other takes everything back.
 */
class ObserverSplitIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final List<EmbeddedServer> replicas = new ArrayList<>();

    @AfterEach
    void stopReplicas() {
        replicas.forEach(r -> r.getApplicationContext().close());
    }

    @Test
    void two_replicas_split_the_partitions_and_one_takes_all_back_when_the_other_stops() {
        TopicRecords.of(Topic.ENVIRONMENT_STATE);
        String quorum = "health-monitor-quorum-split-" + UUID.randomUUID();
        HealthMonitorService first = start("split-1", quorum);
        HealthMonitorService second = start("split-2", quorum);
        Set<Integer> all = new HashSet<>(IntStream.range(0, Topic.DEFAULT_PARTITIONS).boxed().toList());

        await().atMost(DEADLINE).untilAsserted(() -> {
            Set<Integer> one = first.observedPartitions();
            Set<Integer> two = second.observedPartitions();
            // split-2's first share comes a moment after its start: until then it is empty, which AssertJ refuses to
            // compare with, so it is checked first (a failed assertion is awaited again, an exception is not)
            assertThat(two).as("split-2 observes").isNotEmpty();
            assertThat(one).as("split-1 observes").isNotEmpty().doesNotContainAnyElementsOf(two);
            Set<Integer> union = new HashSet<>(one);
            union.addAll(two);
            assertThat(union).isEqualTo(all);
        });

        replicas.remove(1).getApplicationContext().close();

        await().atMost(DEADLINE).untilAsserted(() -> assertThat(first.observedPartitions()).isEqualTo(all));
    }

    private HealthMonitorService start(String replicaId, String quorum) {
        Infrastructure infrastructure = Infrastructure.get();
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, MonitorProperties.of(infrastructure, Map.ofEntries(
                Map.entry("understudy.schema-registry.url", infrastructure.registryUrl()),
                Map.entry("micronaut.server.port", -1),
                Map.entry("micronaut.server.host", "127.0.0.1"),
                Map.entry("understudy.health.replica-id", replicaId),
                Map.entry("understudy.health.quorum.observers", 1),
                Map.entry("understudy.health.quorum.agree", 1),
                Map.entry("understudy.health.quorum.application-id", quorum),
                Map.entry("understudy.health.quorum.state-dir", Infrastructure.workDir("quorum-state-" + replicaId).toString()))));
        replicas.add(server);
        return server.getApplicationContext().getBean(HealthMonitorService.class);
    }
}
