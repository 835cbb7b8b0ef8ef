package io.understudy.demo.process;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * The health monitor's own metrics endpoint: whether it probes the environment's instances and has seen them
 * healthy for a while. An instance that never answered healthy counts as booting and is not declared failed,
 * and the failure detector judges a silence against the gaps it has seen, so the demo waits for both.
 */
public final class HealthMonitorMetrics {
    /** Healthy probes per instance before a failure can be judged against a history of good ones. */
    private static final int PROBES_PER_INSTANCE = 10;
    private static final String MODULE = "health-monitor";

    private final UnderstudyServices services;

    public HealthMonitorMetrics(UnderstudyServices services) {
        this.services = services;
    }

    public void awaitSeenHealthy(int instances, Duration timeout) {
        await("the health monitor to watch " + instances + " instances").atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> MonitorMetrics.watchedInstances(metrics()).orElse(0) >= instances);
        double before = MonitorMetrics.healthyProbes(metrics()).orElse(0);
        await("the health monitor to see " + instances + " instances healthy").atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> MonitorMetrics.healthyProbes(metrics()).orElse(0) - before >= instances * PROBES_PER_INSTANCE);
    }

    private String metrics() {
        return services.body(MODULE, "/prometheus");
    }
}
