package io.understudy.benchmarks.takeover;

import io.understudy.benchmarks.harness.Harness;
import io.understudy.benchmarks.harness.Timeline;
import io.understudy.benchmarks.measure.Distribution;
import io.understudy.benchmarks.measure.HopFloor;
import io.understudy.benchmarks.measure.LoadAverage;
import io.understudy.benchmarks.measure.Table;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/** {@code ./understudy bench takeover}: see {@link TakeoverOptions#USAGE}. */
public final class TakeoverBenchmark {
    private static final Duration ONE_TAKEOVER = Duration.ofSeconds(60);

    private final TakeoverOptions options;
    private final PrintStream out;
    private final PrintStream progress;

    private TakeoverBenchmark(TakeoverOptions options, PrintStream out, PrintStream progress) {
        this.options = options;
        this.out = out;
        this.progress = progress;
    }

    public static void main(List<String> args) throws Exception {
        TakeoverOptions options = TakeoverOptions.parse(args);
        if (options.help()) {
            System.out.print(TakeoverOptions.USAGE);
            return;
        }
        new TakeoverBenchmark(options, System.out, System.err).run();
    }

    private void run() throws Exception {
        try (Harness harness = Harness.start(1, progress)) {
            int total = options.warmup() + options.takeovers();
            harness.register(0, total);
            String loadAtStart = LoadAverage.now();
            progress.println("warming up: " + options.warmup() + " takeovers");
            oneAtATime(harness, 0, options.warmup());
            progress.println("the Kafka hop floor: " + options.hops() + " round trips");
            Distribution floor = HopFloor.measure(harness.admin(), options.hops());
            progress.println("measuring: " + options.takeovers() + " takeovers, one at a time");
            List<Timeline> measured = oneAtATime(harness, options.warmup(), total);
            report(measured, floor, loadAtStart, LoadAverage.now());
        }
    }

    /** Takeovers of environments {@code from} (inclusive) to {@code to}, each declared once the previous has ended. */
    private static List<Timeline> oneAtATime(Harness harness, int from, int to) throws InterruptedException {
        List<Timeline> timelines = new ArrayList<>();
        for (int n = from; n < to; n++) {
            Timeline timeline = harness.declareFailed(n);
            if (!timeline.awaitEnd(ONE_TAKEOVER)) {
                harness.check();
                throw new IllegalStateException("the takeover of environment " + n + " did not end within " + ONE_TAKEOVER);
            }
            timelines.add(timeline);
        }
        return timelines;
    }

    private void report(List<Timeline> measured, Distribution floor, String loadAtStart, String loadAtEnd) {
        long failed = measured.stream().filter(t -> t.failure() != null).count();
        out.println();
        out.println("takeover: orchestration overhead, " + measured.size() + " takeovers one at a time ("
                + options.warmup() + " warm-up takeovers before, not counted), 1 orchestrator replica,");
        out.println("instant cloud, single-node KRaft broker (SASL_SSL, ACLs); all on this machine, timed with the"
                + " benchmark JVM's clock");
        out.println();
        out.println(new Table("Kafka hop floor (produce->consume)", floor)
                .add("declared -> pivot command sent", figures(measured, Timeline::toPivotCommand))
                .add("declared -> pivot done", figures(measured, Timeline::toPivotDone))
                .add("declared -> completed", figures(measured, Timeline::toCompleted)));
        out.println("(pivot command sent: the AssociateAddress read by the instant cloud, read_committed, so once the"
                + " orchestrator's transaction committed;");
        out.println(" pivot done and completed: the pivot's TakeoverStepSucceeded and TakeoverCompleted read by the benchmark)");
        out.println();
        out.println("takeovers failed: " + failed);
        out.println("load average at start: " + loadAtStart);
        out.println("load average at end:   " + loadAtEnd);
    }

    static Distribution figures(List<Timeline> timelines, Function<Timeline, OptionalLong> interval) {
        return Distribution.of(timelines.stream().map(interval).filter(OptionalLong::isPresent)
                .map(OptionalLong::getAsLong).toList());
    }
}
