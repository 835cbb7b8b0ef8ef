package io.understudy.demo.process;

import java.time.Duration;
import java.util.OptionalDouble;

import static io.understudy.demo.polling.Polling.await;

/**
 * The health monitor's own metrics endpoint, its Prometheus text: how many instances it watches and how many
 * healthy probes it has made. The demo kills the master only once the monitor probes the environment's instances
 * and has seen them healthy for a while: an instance that never answered healthy counts as booting and is not
 * declared failed, and the failure detector judges a silence against the gaps it has seen, so the demo waits for both.
 */
public final class HealthMonitorMetrics {
    static final String WATCHED = "understudy_health_watched_instances";
    static final String PROBES = "understudy_health_probes_total";
    /** Healthy probes per instance before a failure can be judged against a history of good ones. */
    private static final int PROBES_PER_INSTANCE = 10;
    private static final String MODULE = "health-monitor";

    private final UnderstudyServices services;

    public HealthMonitorMetrics(UnderstudyServices services) {
        this.services = services;
    }

    public void awaitSeenHealthy(int instances, Duration timeout) {
        await("the health monitor to watch " + instances + " instances").atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> watchedInstances(metrics()).orElse(0) >= instances);
        double before = healthyProbes(metrics()).orElse(0);
        await("the health monitor to see " + instances + " instances healthy").atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> healthyProbes(metrics()).orElse(0) - before >= instances * PROBES_PER_INSTANCE);
    }

    private String metrics() {
        return services.body(MODULE, "/prometheus");
    }

    public static OptionalDouble watchedInstances(String prometheusText) {
        return value(prometheusText, WATCHED, "");
    }

    public static OptionalDouble healthyProbes(String prometheusText) {
        return value(prometheusText, PROBES, "outcome=\"healthy\"");
    }

    /** The first sample of the metric whose labels contain {@code label}; comments and other metrics skipped. */
    static OptionalDouble value(String text, String metric, String label) {
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(metric)) {
                continue;
            }
            String rest = line.substring(metric.length());
            if (!(rest.startsWith("{") || rest.startsWith(" ")) || !rest.contains(label)) {
                continue;
            }
            String[] parts = line.trim().split("\\s+");
            try {
                return OptionalDouble.of(Double.parseDouble(parts[parts.length - 1]));
            } catch (NumberFormatException e) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }
}
