package io.understudy.takeover.startup;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;

import java.util.Map;

/**
 * UP while the saga runs or rebalances; DOWN once Streams has stopped or failed, so that an orchestrator that
 * cannot orchestrate is restarted by whatever watches {@code /health}.
 */
@Singleton
public class SagaHealth extends AbstractHealthIndicator<Map<String, String>> {
    private final SagaHost host;

    public SagaHealth(SagaHost host) {
        this.host = host;
    }

    @Override
    protected Map<String, String> getHealthInformation() {
        KafkaStreams.State state = host.state();
        healthStatus = state.isRunningOrRebalancing() ? HealthStatus.UP
                : state == KafkaStreams.State.CREATED ? HealthStatus.UNKNOWN : HealthStatus.DOWN;
        return Map.of("streams", state.name());
    }

    @Override
    protected String getName() {
        return "takeover-saga";
    }
}
