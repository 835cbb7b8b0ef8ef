package io.understudy.benchmarks.measure;

import java.util.Collection;

/** Durations measured in nanoseconds: how many, the median, the 99th percentile and the largest (nearest rank). */
public record Distribution(int count, long p50, long p99, long max) {

    public static Distribution of(Collection<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return new Distribution(0, 0, 0, 0);
        }
        return new Distribution(sorted.length, percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1]);
    }

    /** Of values sorted ascending: the smallest that at least {@code percent}% of the values are at or below (nearest rank). */
    static long percentile(long[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
