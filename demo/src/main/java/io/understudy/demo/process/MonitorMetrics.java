package io.understudy.demo.process;

import java.util.OptionalDouble;

/**
 * Reads the health monitor's Prometheus text: how many instances it watches and how many healthy probes it has
 * made. The demo kills the master only once the monitor has seen it healthy for a while, because an instance
 * that never answered healthy counts as booting and is not declared failed.
 */
public final class MonitorMetrics {
    static final String WATCHED = "understudy_health_watched_instances";
    static final String PROBES = "understudy_health_probes_total";

    private MonitorMetrics() {
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
