package io.understudy.health.detection;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;

/**
 * One observer probing one instance on a simulated clock, the way {@code ProbeRounds} does: a round every
 * interval, a probe sent only if the previous one has come back, each answer late by a base latency plus
 * |N(0, jitter)|, given up at the timeout. The instance may pause (answers wait until the pause ends) and crash
 * (from then on every probe is refused, one base latency after it was sent). Deterministic for a given seed.
 */
public final class SimulatedProbes {
    private static final Duration BASE_LATENCY = Duration.ofMillis(1);

    private final FailureDetector detector;
    private final InstanceRef instance;
    private final Duration interval;
    private final Duration timeout;
    private final Duration jitter;
    private final Random random;
    private Instant now;
    private Instant pausedUntil = Instant.MIN;
    private Instant pauseStart = Instant.MAX;
    private Instant crashedAt = Instant.MAX;
    private Instant outstandingUntil = Instant.MIN;

    public SimulatedProbes(FailureDetector detector, InstanceRef instance, Instant start, Duration interval,
                           Duration timeout, Duration jitter, long seed) {
        this.detector = detector;
        this.instance = instance;
        this.interval = interval;
        this.timeout = timeout;
        this.jitter = jitter;
        this.random = new Random(seed);
        this.now = start;
        detector.watch(instance, start);
    }

    public Instant now() {
        return now;
    }

    /** The instance stops answering for {@code length} from {@code at} (a GC pause, a stalled disk). */
    public void pause(Instant at, Duration length) {
        pauseStart = at;
        pausedUntil = at.plus(length);
    }

    public void crash(Instant at) {
        crashedAt = at;
    }

    /**
     * Runs rounds until {@code until}, or until the detector's verdict changes.
     *
     * @return the first change of verdict, if any
     */
    public Optional<Observation> runUntil(Instant until) {
        while (now.isBefore(until)) {
            Optional<Observation> change = round();
            now = now.plus(interval);
            if (change.isPresent()) {
                return change;
            }
        }
        return Optional.empty();
    }

    /** One round at {@code now}, then the clock moves on by one interval. */
    public Optional<Observation> step() {
        Optional<Observation> change = round();
        now = now.plus(interval);
        return change;
    }

    /** One round at {@code now}: a probe goes out unless the last one is still out; its result is judged when it arrives. */
    private Optional<Observation> round() {
        if (now.isBefore(outstandingUntil)) {
            return Optional.empty();
        }
        ProbeResult result = answer(now);
        outstandingUntil = result.at();
        return detector.probed(instance, result);
    }

    private ProbeResult answer(Instant sent) {
        if (!sent.isBefore(crashedAt)) {
            return ProbeResult.failed("connection refused", sent.plus(BASE_LATENCY));
        }
        Instant answered = sent.plus(BASE_LATENCY).plusNanos((long) Math.abs(random.nextGaussian() * jitter.toNanos()));
        if (!answered.isBefore(pauseStart) && answered.isBefore(pausedUntil)) {
            answered = pausedUntil.plus(BASE_LATENCY);
        }
        if (!answered.isBefore(crashedAt)) {
            return ProbeResult.failed("connection reset", crashedAt.plus(BASE_LATENCY));
        }
        if (answered.isAfter(sent.plus(timeout))) {
            return ProbeResult.failed("no answer within " + timeout.toMillis() + "ms", sent.plus(timeout));
        }
        return ProbeResult.healthy(answered);
    }
}
