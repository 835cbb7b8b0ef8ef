package io.understudy.benchmarks.throughput;

import io.understudy.benchmarks.Benchmarks;
import io.understudy.benchmarks.harness.Harness;
import io.understudy.benchmarks.harness.Timeline;
import io.understudy.benchmarks.measure.Distribution;
import io.understudy.benchmarks.measure.LoadAverage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code ./understudy bench throughput}: see {@link ThroughputOptions#USAGE}. */
public final class ThroughputBenchmark {
    private static final Duration ALL_TAKEOVERS = Duration.ofMinutes(10);

    private ThroughputBenchmark() {
    }

    public static void main(List<String> args) throws Exception {
        ThroughputOptions options = ThroughputOptions.parse(args);
        if (options.help()) {
            System.out.print(ThroughputOptions.USAGE);
        } else if (options.round()) {
            System.out.println(round(options.replicas().get(0), options).line());
        } else {
            List<Round> rounds = new ArrayList<>();
            for (int replicas : options.replicas()) {
                rounds.add(inItsOwnProcess(options, replicas));
            }
            System.out.println();
            System.out.println("throughput: " + options.environments() + " environments' masters declared failed at once ("
                    + options.warmup() + " more at once before, not counted), instant cloud, single-node KRaft broker");
            System.out.println("(SASL_SSL, ACLs), a fresh broker per replica count; all on this machine, timed with the"
                    + " benchmark JVM's clock");
            System.out.println();
            System.out.println(Round.table(rounds));
        }
    }

    /** Runs one replica count in a child JVM, its progress on this one's standard error, and reads its figures. */
    private static Round inItsOwnProcess(ThroughputOptions options, int replicas) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Benchmarks.class.getName()));
        command.addAll(options.roundArguments(replicas));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Optional<Round> round = Optional.empty();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                round = round.isPresent() ? round : Round.parse(line);
            }
        }
        int exit = child.waitFor();
        return round.orElseThrow(() -> new IllegalStateException("the run with " + replicas
                + " replicas gave no figures (exit " + exit + ")"));
    }

    private static Round round(int replicas, ThroughputOptions options) throws Exception {
        try (Harness harness = Harness.start(replicas, System.err)) {
            int warmup = options.warmup();
            harness.register(0, warmup + options.environments());
            String loadAtStart = LoadAverage.now();
            System.err.println("warming up: " + warmup + " failures at once");
            allAtOnce(harness, 0, warmup);
            System.err.println("measuring: " + options.environments() + " failures at once, " + replicas
                    + (replicas == 1 ? " replica" : " replicas"));
            List<Timeline> measured = allAtOnce(harness, warmup, warmup + options.environments());
            return figures(replicas, measured, loadAtStart, LoadAverage.now());
        }
    }

    /** Declares environments {@code from} to {@code to} failed without waiting, then waits for every takeover's end. */
    private static List<Timeline> allAtOnce(Harness harness, int from, int to) throws InterruptedException {
        List<Timeline> timelines = new ArrayList<>();
        for (int n = from; n < to; n++) {
            timelines.add(harness.declareFailed(n));
        }
        long deadline = System.nanoTime() + ALL_TAKEOVERS.toNanos();
        for (Timeline timeline : timelines) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !timeline.awaitEnd(Duration.ofNanos(left))) {
                harness.check();
                break; // those not ended count as neither completed nor failed
            }
        }
        return timelines;
    }

    private static Round figures(int replicas, List<Timeline> timelines, String loadAtStart, String loadAtEnd) {
        long first = timelines.stream().mapToLong(Timeline::declaredAt).min().orElse(0);
        long last = timelines.stream().mapToLong(Timeline::completedAt).filter(t -> t != 0).max().orElse(first);
        List<Long> toCompleted = timelines.stream().map(Timeline::toCompleted).filter(t -> t.isPresent())
                .map(t -> t.getAsLong()).toList();
        int failed = (int) timelines.stream().filter(t -> t.failure() != null).count();
        return new Round(replicas, toCompleted.size(), failed, last - first, Distribution.of(toCompleted), loadAtStart, loadAtEnd);
    }
}
