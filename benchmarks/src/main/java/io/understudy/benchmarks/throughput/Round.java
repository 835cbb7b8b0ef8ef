package io.understudy.benchmarks.throughput;

import io.understudy.benchmarks.measure.Distribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One replica count's figures, as the child process that measured them hands them to the parent: one line on its
 * standard output, {@value #MARK} first.
 */
record Round(int replicas, int completed, int failed, long elapsedNanos, Distribution toCompleted,
             String loadAtStart, String loadAtEnd) {
    static final String MARK = "round:";
    private static final String SEPARATOR = "|";

    double perSecond() {
        return elapsedNanos <= 0 ? 0 : completed / (elapsedNanos / 1e9);
    }

    String line() {
        return String.join(SEPARATOR, MARK, Integer.toString(replicas), Integer.toString(completed), Integer.toString(failed),
                Long.toString(elapsedNanos), Integer.toString(toCompleted.count()), Long.toString(toCompleted.p50()),
                Long.toString(toCompleted.p99()), Long.toString(toCompleted.max()), loadAtStart, loadAtEnd);
    }

    static Optional<Round> parse(String line) {
        if (!line.startsWith(MARK + SEPARATOR)) {
            return Optional.empty();
        }
        String[] f = line.split("\\" + SEPARATOR, -1);
        return Optional.of(new Round(Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                Long.parseLong(f[4]), new Distribution(Integer.parseInt(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]),
                Long.parseLong(f[8])), f[9], f[10]));
    }

    /** The rounds as a table, one row per replica count, then each round's load. */
    static String table(List<Round> rounds) {
        List<String> rows = new ArrayList<>();
        rows.add(String.format(Locale.ROOT, "%8s %9s %6s %9s %12s %9s %9s %9s", "replicas", "completed", "failed",
                "seconds", "takeovers/s", "p50 ms", "p99 ms", "max ms"));
        for (Round r : rounds) {
            rows.add(String.format(Locale.ROOT, "%8d %9d %6d %9.2f %12.1f %9.1f %9.1f %9.1f", r.replicas(), r.completed(),
                    r.failed(), r.elapsedNanos() / 1e9, r.perSecond(), r.toCompleted().p50() / 1e6,
                    r.toCompleted().p99() / 1e6, r.toCompleted().max() / 1e6));
        }
        rows.add("");
        for (Round r : rounds) {
            rows.add(String.format(Locale.ROOT, "load average, %d %s: %s at start, %s at end", r.replicas(),
                    r.replicas() == 1 ? "replica" : "replicas", r.loadAtStart(), r.loadAtEnd()));
        }
        return String.join(System.lineSeparator(), rows);
    }
}
