package io.understudy.health.probe;

import io.understudy.health.detection.Observation;
import io.understudy.health.detection.ProbeResult;
import io.understudy.health.watch.HealthWatch;
import io.understudy.health.watch.ProbeTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Probes every watched instance once per interval. A slow instance delays nobody: probes run
 * asynchronously, an instance whose previous probe is still out is skipped this round, and at most
 * {@code maxInFlight} probes are out at once. Results are judged on one thread, in the order they come back.
 */
public final class ProbeRounds implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProbeRounds.class);

    private final HealthWatch watch;
    private final Prober prober;
    private final Duration interval;
    private final Semaphore inFlight;
    private final Consumer<Observation> changes;
    private final Consumer<ProbeResult> results;
    private final Set<ProbeTarget> outstanding = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("health-probe-rounds"));
    private final ExecutorService judge = Executors.newSingleThreadExecutor(daemon("health-probe-results"));

    /**
     * @param changes told about every change of this observer's vote on an instance, on the judging thread, in order
     * @param results told about every probe result (metrics)
     */
    public ProbeRounds(HealthWatch watch, Prober prober, Duration interval, int maxInFlight,
                       Consumer<Observation> changes, Consumer<ProbeResult> results) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("probe interval must be positive, was " + interval);
        }
        this.watch = watch;
        this.prober = prober;
        this.interval = interval;
        this.inFlight = new Semaphore(maxInFlight);
        this.changes = changes;
        this.results = results;
    }

    public void start() {
        ticker.scheduleAtFixedRate(this::round, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int outstanding() {
        return outstanding.size();
    }

    private void round() {
        try {
            List<ProbeTarget> targets = watch.targets();
            for (ProbeTarget target : targets) {
                if (!outstanding.contains(target) && inFlight.tryAcquire()) {
                    outstanding.add(target);
                    prober.probe(target).whenCompleteAsync((result, error) -> judge(target, result, error), judge);
                }
            }
        } catch (RuntimeException e) {
            // an exception would cancel the periodic task: probing must survive anything one round throws
            log.error("probe round failed", e);
        }
    }

    private void judge(ProbeTarget target, ProbeResult result, Throwable error) {
        try {
            if (error != null) {
                log.error("prober broke its contract for {}", target, error);
                return;
            }
            results.accept(result);
            watch.probed(target, result).forEach(changes);
        } catch (RuntimeException e) {
            log.error("could not judge the probe of {}", target, e);
        } finally {
            outstanding.remove(target);
            inFlight.release();
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        judge.shutdown();
        try {
            if (!judge.awaitTermination(5, TimeUnit.SECONDS)) {
                judge.shutdownNow();
            }
        } catch (InterruptedException e) {
            judge.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
