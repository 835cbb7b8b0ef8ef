package io.understudy.ec2;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaitsTest {

    @Test
    void aWaitIsBoundedByTimeNotByTheSdksAttemptCount() {
        WaiterOverrideConfiguration config = new Waits(Duration.ofSeconds(2)).upTo(Duration.ofMinutes(30));

        assertThat(config.waitTimeout()).contains(Duration.ofMinutes(30));
        assertThat(config.maxAttempts()).hasValueSatisfying(n -> assertThat(n).isGreaterThanOrEqualTo(900));
        assertThat(config.backoffStrategyV2()).isPresent();
    }

    @Test
    void aPollIntervalMustBePositive() {
        assertThatThrownBy(() -> new Waits(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void untilAsksAgainUntilTheConditionHolds() {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();

        int answer = new Waits(Duration.ofMillis(5)).until(asked::incrementAndGet, n -> n >= 3, Duration.ofSeconds(10));

        assertThat(answer).isEqualTo(3);
    }

    @Test
    void untilGivesUpAtTheTimeoutWithTheLastAnswer() {
        String answer = new Waits(Duration.ofMillis(5)).until(() -> "attaching", "attached"::equals, Duration.ofMillis(50));

        assertThat(answer).isEqualTo("attaching");
    }
}
