package io.understudy.takeover.saga;

import java.time.Duration;

/**
 * How often a step is tried and how long the saga waits between tries: the wait doubles from {@code firstWait} up
 * to {@code maxWait}. A step before the pivot gives up after {@code maxAttempts} (and only retries failures its
 * service calls retriable); after the pivot there is no way back, so a step is tried until it succeeds.
 */
public record RetryPolicy(int maxAttempts, Duration firstWait, Duration maxWait) {
    static final int FOREVER = Integer.MAX_VALUE;

    public static RetryPolicy upTo(int attempts) {
        return new RetryPolicy(attempts, Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    public static RetryPolicy untilSuccess() {
        return new RetryPolicy(FOREVER, Duration.ofSeconds(2), Duration.ofMinutes(1));
    }

    boolean forever() {
        return maxAttempts == FOREVER;
    }

    /** After attempt {@code attempt} failed: is there another? A permanent failure ends a bounded step at once. */
    boolean allowsAnother(int attempt, boolean retriable) {
        return forever() || (retriable && attempt < maxAttempts);
    }

    /** The wait after attempt {@code attempt} (1-based) failed. */
    Duration waitAfter(int attempt) {
        Duration wait = firstWait;
        for (int i = 1; i < attempt && wait.compareTo(maxWait) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }
}
