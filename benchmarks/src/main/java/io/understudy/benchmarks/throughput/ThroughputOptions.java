package io.understudy.benchmarks.throughput;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --environments N --replicas 1,2,4 --warmup N}, or {@code --help}. {@code --round} marks the child process
 * that runs one replica count on a broker of its own.
 */
record ThroughputOptions(int environments, List<Integer> replicas, int warmup, boolean round, boolean help) {
    static final String USAGE = """
            usage: ./understudy bench throughput [--environments N] [--replicas 1,2,4] [--warmup N]

            Throughput: N environments' masters declared failed at once, with an instant cloud in place of the
            executing services, for each replica count of the real takeover orchestrator. Each replica count runs
            in a process of its own on a broker of its own (the suite's secured KRaft broker and the registry), so
            no run inherits another's records or state: the replicas are started, N environments registered (and
            a warm-up batch), the warm-up batch failed at once and awaited, then the N failures sent at once.

            Printed per replica count: takeovers completed and failed, seconds from the first failure declared to
            the last TakeoverCompleted read, takeovers per second over that time, and p50, p99 and max from each
            failure declared to its TakeoverCompleted read (the benchmark JVM's clock; all on this machine); the
            load average at start and end of each run.

              --environments N   failing at once (default 1000)
              --replicas LIST    orchestrator replica counts, comma-separated (default 1,2,4)
              --warmup N         environments failed at once first, not counted (default 100)
              --help             this text
            """;

    static ThroughputOptions parse(List<String> args) {
        int environments = 1000;
        List<Integer> replicas = List.of(1, 2, 4);
        int warmup = 100;
        boolean round = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--help", "-h" -> {
                    return new ThroughputOptions(environments, replicas, warmup, false, true);
                }
                case "--environments" -> environments = number(value(args, ++i, arg), arg, 1);
                case "--warmup" -> warmup = number(value(args, ++i, arg), arg, 0);
                case "--replicas" -> replicas = counts(value(args, ++i, arg));
                case "--round" -> round = true;
                default -> throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        return new ThroughputOptions(environments, replicas, warmup, round, false);
    }

    /** The arguments of the child that runs {@code replicas} replicas alone. */
    List<String> roundArguments(int replicas) {
        return List.of("throughput", "--round", "--replicas", Integer.toString(replicas),
                "--environments", Integer.toString(environments), "--warmup", Integer.toString(warmup));
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static List<Integer> counts(String list) {
        List<Integer> counts = new ArrayList<>();
        for (String count : list.split(",")) {
            counts.add(number(count.trim(), "--replicas", 1));
        }
        return List.copyOf(counts);
    }

    private static int number(String value, String option, int least) {
        try {
            int number = Integer.parseInt(value);
            if (number < least) {
                throw new IllegalArgumentException(option + " must be at least " + least + ": " + number);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not " + value);
        }
    }
}
