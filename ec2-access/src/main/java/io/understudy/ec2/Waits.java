package io.understudy.ec2;

import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Bounds for the SDK's waiters: poll every {@code pollInterval} until {@code timeout}. The SDK's own defaults
 * count attempts (40 × 15 s for an instance) rather than time, which is neither what a step's deadline means
 * nor quick enough for the sandbox.
 */
public final class Waits {
    private final Duration pollInterval;

    public Waits(Duration pollInterval) {
        if (pollInterval.isZero() || pollInterval.isNegative()) {
            throw new IllegalArgumentException("poll interval must be positive: " + pollInterval);
        }
        this.pollInterval = pollInterval;
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    public WaiterOverrideConfiguration upTo(Duration timeout) {
        long attempts = timeout.toMillis() / pollInterval.toMillis() + 2;
        return WaiterOverrideConfiguration.builder()
                .waitTimeout(timeout)
                .maxAttempts((int) Math.min(Integer.MAX_VALUE, attempts))
                .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(pollInterval))
                .build();
    }

    /**
     * Asks {@code describe} every poll interval until {@code done} holds or {@code timeout} passes, for the
     * conditions the SDK has no waiter for (an address on an instance, an attachment in state attached).
     * Returns the last answer either way; the caller tells success from timeout with {@code done} again.
     */
    public <T> T until(Supplier<T> describe, Predicate<T> done, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        T answer = describe.get();
        while (!done.test(answer) && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answer;
            }
            answer = describe.get();
        }
        return answer;
    }
}
