package io.understudy.ec2.throttle;

import io.github.bucket4j.Bucket;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds every EC2 request back until its bucket has a token. One limiter sits on the one EC2 client of a service,
 * so all takeovers the service runs at once share it: a mass failure queues here instead of storming EC2 into
 * RequestLimitExceeded. Tokens are taken before each attempt, retries included, because EC2 charges those too.
 */
public final class ApiRateLimiter implements ExecutionInterceptor {
    private final Map<ApiBucket, Bucket> buckets = new EnumMap<>(ApiBucket.class);
    private final Map<ApiBucket, BucketLimit> limits;
    private final Map<ApiBucket, AtomicLong> waitedNanos = new EnumMap<>(ApiBucket.class);
    private final Map<ApiBucket, AtomicLong> taken = new EnumMap<>(ApiBucket.class);

    public ApiRateLimiter(Map<ApiBucket, BucketLimit> configured) {
        Map<ApiBucket, BucketLimit> all = new EnumMap<>(ApiBucket.class);
        for (ApiBucket bucket : ApiBucket.values()) {
            BucketLimit limit = configured.getOrDefault(bucket, bucket.awsDefault());
            all.put(bucket, limit);
            waitedNanos.put(bucket, new AtomicLong());
            taken.put(bucket, new AtomicLong());
            buckets.put(bucket, Bucket.builder()
                    .addLimit(l -> l.capacity(limit.capacity()).refillGreedy(limit.refillPerSecond(), Duration.ofSeconds(1)))
                    .build());
        }
        this.limits = Map.copyOf(all);
    }

    /** AWS's published defaults for every bucket. */
    public static ApiRateLimiter awsDefaults() {
        return new ApiRateLimiter(Map.of());
    }

    /** {@code run-instances: 50/5}, ...: buckets not named keep AWS's defaults. */
    public static ApiRateLimiter fromSettings(Map<String, String> rateLimits) {
        Map<ApiBucket, BucketLimit> configured = new EnumMap<>(ApiBucket.class);
        rateLimits.forEach((key, value) -> configured.put(
                ApiBucket.ofKey(key).orElseThrow(() -> new IllegalArgumentException("no EC2 rate-limit bucket '" + key
                        + "'; the buckets are " + Arrays.stream(ApiBucket.values()).map(ApiBucket::key).toList())),
                BucketLimit.parse(value)));
        return new ApiRateLimiter(configured);
    }

    public BucketLimit limit(ApiBucket bucket) {
        return limits.get(bucket);
    }

    /** Time callers spent waiting for tokens, all buckets together: a sign the limits are being reached. */
    public Duration waited() {
        return Duration.ofNanos(waitedNanos.values().stream().mapToLong(AtomicLong::get).sum());
    }

    /** Time callers spent waiting for this bucket's tokens. */
    public Duration waited(ApiBucket bucket) {
        return Duration.ofNanos(waitedNanos.get(bucket).get());
    }

    /** Tokens this bucket handed out: requests sent, retries included. */
    public long taken(ApiBucket bucket) {
        return taken.get(bucket).get();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        take(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    }

    /** Blocks until {@code action}'s bucket gives a token. */
    public void take(String action) {
        ApiBucket which = ApiBucket.of(action);
        Bucket bucket = buckets.get(which);
        taken.get(which).incrementAndGet();
        if (bucket.tryConsume(1)) {
            return;
        }
        long start = System.nanoTime();
        try {
            bucket.asBlocking().consume(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AbortedException.builder().message("interrupted while waiting to call " + action).cause(e).build();
        } finally {
            waitedNanos.get(which).addAndGet(System.nanoTime() - start);
        }
    }
}
