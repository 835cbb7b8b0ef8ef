package io.understudy.invariants;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * What the checker saw so far: samples taken (one per round over every watched environment), samples that failed
 * (an EC2 call or a probe that threw: they show nothing, so they are never counted as "no violation"), the
 * instants of the first and last good sample (null before any), the first violation and the last failure.
 */
public record Report(long samples, long failedSamples, int environments, Instant firstSample, Instant lastSample,
                     Violation firstViolation, String lastFailure) {

    public Optional<Violation> violation() {
        return Optional.ofNullable(firstViolation);
    }

    /** From the first good sample to the last. */
    public Duration span() {
        return firstSample == null ? Duration.ZERO : Duration.between(firstSample, lastSample);
    }

    /**
     * Why the run cannot be said to have kept its promises: a violation, no sample at all, or more failed samples
     * than good ones (a checker that mostly could not see proves little).
     */
    public Optional<String> problem() {
        if (firstViolation != null) {
            return Optional.of("invariant broken " + firstViolation);
        }
        if (samples == 0) {
            return Optional.of("the invariant checker took no sample" + failures());
        }
        if (failedSamples > samples) {
            return Optional.of("most of the invariant checker's samples failed" + failures());
        }
        return Optional.empty();
    }

    /** {@code invariant checker: 1,234 samples of 1 environment over 61.7 s (0 failed), no violation}. */
    public String line() {
        return String.format(Locale.ROOT, "invariant checker: %,d samples of %d environment%s over %.1f s (%,d failed), %s",
                samples, environments, environments == 1 ? "" : "s", span().toMillis() / 1000.0, failedSamples,
                firstViolation == null ? "no violation"
                        : "VIOLATION in " + firstViolation.environmentId() + ": " + firstViolation.description());
    }

    private String failures() {
        return " (" + failedSamples + " failed" + (lastFailure == null ? "" : ", the last: " + lastFailure) + ")";
    }
}
