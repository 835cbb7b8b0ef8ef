package io.understudy.ec2.throttle;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiRateLimiterTest {

    @Test
    void aBurstUpToTheCapacityPassesAtOnceAndTheRestWaitsForTheRefill() {
        ApiRateLimiter limiter = ApiRateLimiter.fromSettings(Map.of("run-instances", "3/10"));

        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            limiter.take("RunInstances");
        }
        assertThat(limiter.waited()).isZero();
        for (int i = 0; i < 5; i++) {
            limiter.take("RunInstances");
        }

        // five more tokens at ten a second cannot come sooner than 0.5 s, however fast the machine
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
        assertThat(limiter.waited()).isPositive();
    }

    @Test
    void bucketsAreIndependent() {
        ApiRateLimiter limiter = ApiRateLimiter.fromSettings(Map.of("run-instances", "1/1"));
        limiter.take("RunInstances");

        limiter.take("DescribeInstances");
        limiter.take("StopInstances");

        assertThat(limiter.waited()).isZero();
    }

    @Test
    void bucketsNotConfiguredKeepAwsDefaults() {
        ApiRateLimiter limiter = ApiRateLimiter.fromSettings(Map.of("mutating", "20/2"));

        assertThat(limiter.limit(ApiBucket.MUTATING)).isEqualTo(new BucketLimit(20, 2));
        assertThat(limiter.limit(ApiBucket.CREATE_SNAPSHOT)).isEqualTo(ApiBucket.CREATE_SNAPSHOT.awsDefault());
    }

    @Test
    void anUnknownBucketIsAClearError() {
        assertThatThrownBy(() -> ApiRateLimiter.fromSettings(Map.of("describe", "1/1")))
                .hasMessageContaining("no EC2 rate-limit bucket 'describe'").hasMessageContaining("run-instances");
    }
}
