package io.understudy.health.startup;

import java.time.Duration;

/**
 * How this replica probes and takes part in the quorum, from {@code understudy.health.*}; the detector's own
 * settings are in {@link io.understudy.health.detection.DetectorSettings}.
 *
 * @param port                health endpoint port on every instance (the app server)
 * @param path                health endpoint path
 * @param proxyPort           HAProxy's health endpoint port on every instance ({@code monitor-uri}); 0: not probed
 * @param proxyPath           HAProxy's health endpoint path
 * @param interval            time between two probes of one instance
 * @param timeout             longest wait for one probe's answer
 * @param maxConcurrentProbes probes out at once, over all instances
 * @param replicaId           names this replica: observer id in observations and events
 * @param zone                the availability zone this replica runs in, carried on its observations; empty: unknown
 * @param observers           n: replicas that watch each instance (each environment-state partition)
 * @param agree               k: observers that must suspect an instance to fail it; min(k, live observers) applies
 * @param reportInterval      how often each observer repeats its verdicts, which keeps it counted as live
 * @param observerTimeout     an observer whose latest report is older than this no longer counts
 */
public record MonitorSettings(int port, String path, int proxyPort, String proxyPath, Duration interval,
                              Duration timeout, int maxConcurrentProbes, String replicaId, String zone, int observers,
                              int agree, Duration reportInterval, Duration observerTimeout) {
    public MonitorSettings {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("understudy.health.port must be a TCP port, was " + port);
        }
        if (proxyPort < 0 || proxyPort > 65535) {
            throw new IllegalArgumentException("understudy.health.proxy-port must be a TCP port or 0, was " + proxyPort);
        }
        positive("understudy.health.interval", interval);
        positive("understudy.health.timeout", timeout);
        positive("understudy.health.quorum.report-interval", reportInterval);
        if (observerTimeout.compareTo(reportInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("understudy.health.quorum.observer-timeout must be at least twice the report interval ("
                    + reportInterval + "), was " + observerTimeout);
        }
        if (maxConcurrentProbes < 1) {
            throw new IllegalArgumentException("understudy.health.max-concurrent-probes must be at least 1, was " + maxConcurrentProbes);
        }
        if (observers < 1 || agree < 1 || agree > observers) {
            throw new IllegalArgumentException("understudy.health.quorum needs 1 <= agree <= observers, was agree="
                    + agree + " observers=" + observers);
        }
        if (!replicaId.matches("[0-9A-Za-z._-]+")) {
            throw new IllegalArgumentException("understudy.health.replica-id may hold letters, digits, '.', '_' and '-', was " + replicaId);
        }
        if (!zone.matches("[0-9A-Za-z._-]*")) {
            throw new IllegalArgumentException("understudy.health.zone may hold letters, digits, '.', '_' and '-', was " + zone);
        }
    }

    private static void positive(String key, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(key + " must be positive, was " + value);
        }
    }
}
