package io.understudy.ec2.throttle;

/**
 * A token bucket: at most {@code capacity} calls in a burst, then {@code refillPerSecond} a second. Written
 * {@code capacity/refill}, e.g. {@code 50/5}, the way AWS's throttling page lists them.
 */
public record BucketLimit(long capacity, long refillPerSecond) {

    public BucketLimit {
        if (capacity < 1 || refillPerSecond < 1) {
            throw new IllegalArgumentException("a bucket needs a capacity and a refill of at least 1: "
                    + capacity + "/" + refillPerSecond);
        }
    }

    public static BucketLimit parse(String text) {
        String[] parts = text.trim().split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("a rate limit is capacity/refill-per-second, e.g. 50/5, not '" + text + "'");
        }
        try {
            return new BucketLimit(Long.parseLong(parts[0].trim()), Long.parseLong(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a rate limit is capacity/refill-per-second, e.g. 50/5, not '" + text + "'", e);
        }
    }

    @Override
    public String toString() {
        return capacity + "/" + refillPerSecond;
    }
}
