package io.understudy.ec2.throttle;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;

import java.util.concurrent.TimeUnit;

/**
 * The limiter on the service's /prometheus: requests per bucket and the seconds callers waited for tokens. A
 * growing wait says the configured limits, not EC2, set the pace of takeovers.
 */
@Context
@Requires(classes = MeterRegistry.class)
@Requires(beans = MeterRegistry.class)
public class RateLimitMeters {

    public RateLimitMeters(MeterRegistry registry, ApiRateLimiter limiter) {
        bind(registry, limiter);
    }

    static void bind(MeterRegistry registry, ApiRateLimiter limiter) {
        for (ApiBucket bucket : ApiBucket.values()) {
            FunctionCounter.builder("understudy.ec2.requests", limiter, l -> l.taken(bucket))
                    .description("EC2 requests sent, retries included, by client-side rate-limit bucket")
                    .tag("bucket", bucket.key()).register(registry);
            FunctionCounter.builder("understudy.ec2.rate.limit.wait", limiter,
                            l -> l.waited(bucket).toNanos() / (double) TimeUnit.SECONDS.toNanos(1))
                    .description("Seconds EC2 calls waited for a token of their bucket")
                    .baseUnit("seconds").tag("bucket", bucket.key()).register(registry);
        }
    }
}
