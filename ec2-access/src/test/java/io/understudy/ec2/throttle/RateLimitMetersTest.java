package io.understudy.ec2.throttle;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitMetersTest {

    @Test
    void requestsAndWaitsAreCountedPerBucket() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ApiRateLimiter limiter = ApiRateLimiter.fromSettings(Map.of("run-instances", "1/20"));
        RateLimitMeters.bind(registry, limiter);

        limiter.take("RunInstances");
        limiter.take("RunInstances");
        limiter.take("DescribeInstances");

        assertThat(registry.get("understudy.ec2.requests").tag("bucket", "run-instances").functionCounter().count()).isEqualTo(2);
        assertThat(registry.get("understudy.ec2.requests").tag("bucket", "non-mutating").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("understudy.ec2.rate.limit.wait").tag("bucket", "run-instances").functionCounter().count()).isPositive();
        assertThat(registry.get("understudy.ec2.rate.limit.wait").tag("bucket", "non-mutating").functionCounter().count()).isZero();
    }
}
