package io.understudy.health.probe;

import io.understudy.health.detection.ProbeResult;
import io.understudy.health.watch.ProbeTarget;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * An instance is healthy only if every one of its endpoints is: the app server, and HAProxy where it is probed.
 * The endpoints are probed at once, so the slower bounds the probe, not their sum.
 */
public final class EveryEndpoint implements Prober {
    private final Map<String, Prober> endpoints;

    /** @param endpoints probers by the name used in failure details ("app", "haproxy") */
    public EveryEndpoint(Map<String, Prober> endpoints) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one endpoint must be probed");
        }
        this.endpoints = Map.copyOf(endpoints);
    }

    @Override
    public CompletableFuture<ProbeResult> probe(ProbeTarget target) {
        if (endpoints.size() == 1) {
            return endpoints.values().iterator().next().probe(target);
        }
        List<Map.Entry<String, CompletableFuture<ProbeResult>>> probes = endpoints.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> Map.entry(e.getKey(), e.getValue().probe(target)))
                .toList();
        return CompletableFuture.allOf(probes.stream().map(Map.Entry::getValue).toArray(CompletableFuture[]::new))
                .thenApply(done -> combine(probes.stream().map(e -> Map.entry(e.getKey(), e.getValue().join())).toList()));
    }

    private static ProbeResult combine(List<Map.Entry<String, ProbeResult>> results) {
        Instant at = results.stream().map(e -> e.getValue().at()).max(Instant::compareTo).orElseThrow();
        String failures = results.stream().filter(e -> !e.getValue().healthy())
                .map(e -> e.getKey() + ": " + e.getValue().detail())
                .collect(Collectors.joining(", "));
        return failures.isEmpty() ? ProbeResult.healthy(at) : ProbeResult.failed(failures, at);
    }
}
