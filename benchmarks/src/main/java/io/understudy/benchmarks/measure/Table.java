package io.understudy.benchmarks.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures as a table: per interval its count, p50, p99 and max in milliseconds, and p50 and p99 as multiples
 * of the floor's p50 and p99 (how many Kafka hops' worth each interval costs).
 */
public final class Table {
    private static final String HEADER = "%-34s %7s %9s %9s %9s %9s %9s";
    private static final String ROW = "%-34s %7d %9.2f %9.2f %9.2f %9s %9s";

    private final Distribution floor;
    private final List<String> rows = new ArrayList<>();

    public Table(String floorName, Distribution floor) {
        this.floor = floor;
        rows.add(String.format(Locale.ROOT, HEADER, "interval", "count", "p50 ms", "p99 ms", "max ms", "p50/floor", "p99/floor"));
        rows.add(row(floorName, floor));
    }

    public Table add(String interval, Distribution figures) {
        rows.add(row(interval, figures));
        return this;
    }

    private String row(String interval, Distribution figures) {
        return String.format(Locale.ROOT, ROW, interval, figures.count(), millis(figures.p50()), millis(figures.p99()),
                millis(figures.max()), ratio(figures.p50(), floor.p50()), ratio(figures.p99(), floor.p99()));
    }

    static String ratio(long value, long floorValue) {
        return floorValue <= 0 ? "-" : String.format(Locale.ROOT, "%.1fx", (double) value / floorValue);
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    @Override
    public String toString() {
        return String.join(System.lineSeparator(), rows);
    }
}
