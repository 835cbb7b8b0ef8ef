package io.understudy.benchmarks;

import io.understudy.benchmarks.takeover.TakeoverBenchmark;
import io.understudy.benchmarks.throughput.ThroughputBenchmark;

import java.util.Arrays;
import java.util.List;

/** {@code ./understudy bench <name>}: the benchmarks that run the real orchestrator on the real broker. */
public final class Benchmarks {
    static final String USAGE = """
            usage: ./understudy bench <name> [--help | arguments]

              takeover    orchestration overhead with an instant cloud: declared -> pivot command, pivot done, completed
              throughput  many environments failing at once: takeovers per second and time to completion, 1, 2, 4 replicas
            """;

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        // before any logger: test-infrastructure's logback-test.xml, on this classpath too, would win otherwise
        System.setProperty("logback.configurationFile", "benchmark-logback.xml");
        List<String> rest = args.length == 0 ? List.of() : Arrays.asList(args).subList(1, args.length);
        String name = args.length == 0 ? "--help" : args[0];
        try {
            switch (name) {
                case "takeover" -> TakeoverBenchmark.main(rest);
                case "throughput" -> ThroughputBenchmark.main(rest);
                case "--help", "-h", "help" -> System.out.print(USAGE);
                default -> {
                    System.err.print("unknown benchmark: " + name + "\n" + USAGE);
                    System.exit(2);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("bench " + name + ": " + e.getMessage());
            System.exit(2);
        }
        // the broker's and the registry's threads are not all daemons: the shutdown hook stops them
        System.exit(0);
    }
}
