package io.understudy.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@code [--summary FILE] [--keep] [--clients N] [--warmup SECONDS]}: the demo's command line. */
record DemoOptions(Path summary, boolean keep, int clients, Duration warmup) {
    static final Path DEFAULT_SUMMARY = Path.of("target", "demo", "summary.json");
    static final String USAGE = """
            usage: ./understudy demo [--summary FILE] [--keep] [--clients N] [--warmup SECONDS]
              --summary FILE    where to write the summary as JSON (default target/demo/summary.json);
                                the timeline picture goes next to it as timeline.svg
              --keep            leave the dev stack, the sandbox and the services running afterwards
              --clients N       concurrent traffic clients (default 4)
              --warmup SECONDS  traffic before the master is killed (default 10)""";

    static DemoOptions parse(List<String> args) {
        Path summary = DEFAULT_SUMMARY;
        boolean keep = false;
        int clients = 4;
        Duration warmup = Duration.ofSeconds(10);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--summary" -> summary = Path.of(value(args, ++i, arg));
                case "--keep" -> keep = true;
                case "--clients" -> clients = number(arg, value(args, ++i, arg), 1, 64);
                case "--warmup" -> warmup = Duration.ofSeconds(number(arg, value(args, ++i, arg), 1, 600));
                case "-h", "--help" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unexpected argument " + arg + "\n" + USAGE);
            }
        }
        return new DemoOptions(summary.toAbsolutePath().normalize(), keep, clients, warmup);
    }

    /** The timeline picture, next to the summary. */
    Path picture() {
        return summary.resolveSibling("timeline.svg");
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args.get(index);
    }

    private static int number(String option, String text, int min, int max) {
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a whole number from " + min + " to " + max + ", not " + text);
    }
}
