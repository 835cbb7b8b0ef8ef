package io.understudy.health.probe;

import io.understudy.health.detection.ProbeResult;
import io.understudy.health.watch.ProbeTarget;

import java.util.concurrent.CompletableFuture;

/** Asks one instance whether it is healthy. Never blocks the caller and never completes exceptionally. */
public interface Prober {
    CompletableFuture<ProbeResult> probe(ProbeTarget target);
}
