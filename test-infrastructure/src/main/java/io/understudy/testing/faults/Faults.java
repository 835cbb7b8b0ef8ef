package io.understudy.testing.faults;

import java.time.Duration;

/**
 * What share of EC2 calls the proxy spoils, and how. Each call draws once: throttled (503 RequestLimitExceeded,
 * not forwarded), unavailable (503 Unavailable, not forwarded), slow (forwarded after {@code slowDelay}), or
 * passed through untouched. The seed makes a run repeatable as far as thread scheduling allows.
 */
public record Faults(double throttledShare, double unavailableShare, double slowShare, Duration slowDelay, long seed) {

    public Faults {
        if (throttledShare < 0 || unavailableShare < 0 || slowShare < 0
                || throttledShare + unavailableShare + slowShare > 1) {
            throw new IllegalArgumentException("shares must be >= 0 and add up to at most 1");
        }
    }

    public static Faults none() {
        return new Faults(0, 0, 0, Duration.ZERO, 0);
    }
}
