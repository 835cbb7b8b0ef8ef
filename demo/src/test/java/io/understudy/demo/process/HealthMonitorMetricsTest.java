package io.understudy.demo.process;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthMonitorMetricsTest {
    private static final String TEXT = """
            # HELP understudy_health_watched_instances App instances this replica probes
            # TYPE understudy_health_watched_instances gauge
            understudy_health_watched_instances 4.0
            # TYPE understudy_health_probes_total counter
            understudy_health_probes_total{outcome="failed",} 3.0
            understudy_health_probes_total{outcome="healthy",} 117.0
            understudy_health_watched_instances_other 9.0
            """;

    @Test
    void readsTheGaugeAndTheHealthyProbeCounter() {
        assertThat(HealthMonitorMetrics.watchedInstances(TEXT)).hasValue(4.0);
        assertThat(HealthMonitorMetrics.healthyProbes(TEXT)).hasValue(117.0);
    }

    @Test
    void aMissingMetricIsEmpty() {
        assertThat(HealthMonitorMetrics.watchedInstances("")).isEmpty();
        assertThat(HealthMonitorMetrics.healthyProbes("understudy_health_probes_total{outcome=\"failed\",} 1.0")).isEmpty();
    }
}
