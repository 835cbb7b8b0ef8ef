package io.understudy.demo.polling;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static io.understudy.demo.polling.Polling.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PollingTest {
    private static final Duration INTERVAL = Duration.ofMillis(5);

    @Test
    void returnsOnceTheConditionHolds() {
        AtomicInteger looks = new AtomicInteger();

        await("three looks").atMost(Duration.ofSeconds(5)).pollInterval(INTERVAL).until(() -> looks.incrementAndGet() == 3);

        assertThat(looks).hasValue(3);
    }

    @Test
    void aConditionStillFalseAtTheDeadlineTimesOutNamingWhatWasAwaited() {
        assertThatThrownBy(() -> await("the moon").atMost(Duration.ofMillis(50)).pollInterval(INTERVAL).until(() -> false))
                .isInstanceOf(Polling.TimedOut.class).hasMessageContaining("the moon");
    }

    @Test
    void anExceptionEndsTheWaitUnlessIgnoredThenItIsTheTimeoutsCause() {
        IOException failure = new IOException("no file yet");

        assertThatThrownBy(() -> await("a file").atMost(Duration.ofSeconds(5)).pollInterval(INTERVAL).until(() -> {
            throw failure;
        })).isSameAs(failure);
        assertThatThrownBy(() -> await("a file").atMost(Duration.ofMillis(50)).pollInterval(INTERVAL).ignoreExceptions()
                .until(() -> {
                    throw failure;
                })).isInstanceOf(Polling.TimedOut.class).hasCause(failure);
    }

    @Test
    void theFailFastConditionEndsTheWaitWithItsReason() {
        assertThatThrownBy(() -> await("health").atMost(Duration.ofSeconds(5)).pollInterval(INTERVAL)
                .failFast("it exited", () -> true).until(() -> false))
                .isInstanceOf(Polling.FailedFast.class).hasMessage("it exited");
    }
}
