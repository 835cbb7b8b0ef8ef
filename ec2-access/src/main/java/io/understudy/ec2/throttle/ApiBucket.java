package io.understudy.ec2.throttle;

import java.util.Locale;
import java.util.Optional;

/**
 * The client-side token buckets EC2 calls are drawn from, named after EC2's own throttling categories. The
 * defaults are AWS's published request-token buckets (capacity, refill per second) for the category; an account
 * whose limits were raised or lowered sets its own (understudy.ec2.rate-limits). Every mutating action shares one
 * bucket here although EC2 keeps one per action: sharing only ever asks less of EC2.
 */
public enum ApiBucket {
    /** Describe*, Get*, List*: waiters poll these, so many takeovers waiting at once must not exhaust them. */
    NON_MUTATING(new BucketLimit(100, 20)),
    /** Every action that changes something and has no bucket of its own. */
    MUTATING(new BucketLimit(200, 5)),
    RUN_INSTANCES(new BucketLimit(50, 5)),
    CREATE_VOLUME(new BucketLimit(50, 5)),
    CREATE_SNAPSHOT(new BucketLimit(50, 5));

    private final BucketLimit awsDefault;

    ApiBucket(BucketLimit awsDefault) {
        this.awsDefault = awsDefault;
    }

    public BucketLimit awsDefault() {
        return awsDefault;
    }

    /** The name in configuration: {@code run-instances}, {@code non-mutating}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<ApiBucket> ofKey(String key) {
        for (ApiBucket bucket : values()) {
            if (bucket.key().equals(key.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(bucket);
            }
        }
        return Optional.empty();
    }

    /** Which bucket an EC2 action such as {@code RunInstances} or {@code DescribeVolumes} draws from. */
    public static ApiBucket of(String action) {
        switch (action) {
            case "RunInstances":
                return RUN_INSTANCES;
            case "CreateVolume":
                return CREATE_VOLUME;
            case "CreateSnapshot":
                return CREATE_SNAPSHOT;
            default:
                boolean reads = action.startsWith("Describe") || action.startsWith("Get") || action.startsWith("List");
                return reads ? NON_MUTATING : MUTATING;
        }
    }
}
