package io.understudy.health.startup;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;

import java.util.Map;

/**
 * UP while this replica follows the environment state and its share of the quorum runs or rebalances; DOWN once
 * either has stopped, so that a monitor that can no longer observe or decide is restarted by whatever watches
 * {@code /health}. The details also show the quorum's live replicas and zones, and whether this observer suspects
 * itself: neither changes the status, since a restart mends neither a lone replica nor a cut network.
 */
@Singleton
public class MonitorHealth extends AbstractHealthIndicator<Map<String, String>> {
    private final HealthMonitorService service;

    public MonitorHealth(HealthMonitorService service) {
        this.service = service;
    }

    @Override
    protected Map<String, String> getHealthInformation() {
        KafkaStreams.State quorum = service.quorumState();
        boolean consuming = service.consuming();
        healthStatus = quorum == KafkaStreams.State.CREATED ? HealthStatus.UNKNOWN
                : quorum.isRunningOrRebalancing() && consuming ? HealthStatus.UP : HealthStatus.DOWN;
        return Map.of("quorum", quorum.name(), "observing", consuming + " " + service.observedPartitions(),
                "zone", service.zone().isEmpty() ? "unknown" : service.zone(),
                "live-replicas", service.liveReplicas(),
                "self-suspicion", service.selfSuspicion());
    }

    @Override
    protected String getName() {
        return "health-monitor";
    }
}
