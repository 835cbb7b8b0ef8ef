package io.understudy.benchmarks.takeover;

import io.understudy.benchmarks.cloud.InstantCloud;
import io.understudy.benchmarks.harness.Fleet;
import io.understudy.benchmarks.harness.Observed;
import io.understudy.benchmarks.harness.Orchestrator;
import io.understudy.benchmarks.harness.Timeline;
import io.understudy.benchmarks.measure.Distribution;
import io.understudy.benchmarks.measure.HopFloor;
import io.understudy.benchmarks.measure.LoadAverage;
import io.understudy.benchmarks.measure.Table;
import io.understudy.schemas.topic.Topic;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.TopicRecords;
import io.understudy.testing.services.ServiceProcess;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/** {@code ./understudy bench takeover}: see {@link TakeoverOptions#USAGE}. */
public final class TakeoverBenchmark {
    private static final Duration REGISTRATION = Duration.ofMinutes(5);
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
        progress.println("starting the broker and the schema registry");
        Infrastructure infrastructure = Infrastructure.get();
        infrastructure.createTopics();
        Map<String, Object> admin = infrastructure.kafkaConfig();
        try (Observed observed = Observed.start(admin);
             InstantCloud cloud = InstantCloud.start(admin, observed)) {
            progress.println("starting the takeover orchestrator");
            try (ServiceProcess ignored = Orchestrator.start(infrastructure, Infrastructure.workDir("benchmark"), 1)) {
                measure(observed, cloud, admin);
            }
        }
    }

    private void measure(Observed observed, InstantCloud cloud, Map<String, Object> admin) throws InterruptedException {
        int total = options.warmup() + options.takeovers();
        register(observed, total);
        String loadAtStart = LoadAverage.now();
        progress.println("warming up: " + options.warmup() + " takeovers");
        run(observed, cloud, 0, options.warmup());
        progress.println("the Kafka hop floor: " + options.hops() + " round trips");
        Distribution floor = HopFloor.measure(admin, options.hops());
        progress.println("measuring: " + options.takeovers() + " takeovers, one at a time");
        List<Timeline> measured = run(observed, cloud, options.warmup(), total);
        String loadAtEnd = LoadAverage.now();
        report(measured, floor, loadAtStart, loadAtEnd);
    }

    private void register(Observed observed, int count) throws InterruptedException {
        progress.println("registering " + count + " environments");
        TopicRecords operatorCommands = TopicRecords.of(Topic.OPERATOR_COMMANDS);
        for (int n = 0; n < count; n++) {
            String id = Fleet.environmentId(n);
            operatorCommands.send(id, Fleet.registration(id));
        }
        long deadline = System.nanoTime() + REGISTRATION.toNanos();
        while (observed.watchedCount() < count) {
            observed.check();
            if (!observed.refused().isEmpty()) {
                throw new IllegalStateException("registrations refused: " + observed.refused());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + observed.watchedCount() + " of " + count
                        + " environments watched after " + REGISTRATION);
            }
            Thread.sleep(50); // polling a counter the reader thread raises; the deadline bounds it
        }
    }

    /** Takeovers of environments {@code from} (inclusive) to {@code to}, one at a time. */
    private List<Timeline> run(Observed observed, InstantCloud cloud, int from, int to) throws InterruptedException {
        TopicRecords healthEvents = TopicRecords.of(Topic.HEALTH_EVENTS);
        List<Timeline> timelines = new ArrayList<>();
        for (int n = from; n < to; n++) {
            String id = Fleet.environmentId(n);
            Timeline timeline = observed.declare(id, System.nanoTime());
            healthEvents.send(id, Fleet.masterFailed(id));
            if (!timeline.awaitEnd(ONE_TAKEOVER)) {
                cloud.check();
                observed.check();
                throw new IllegalStateException("the takeover of " + id + " did not end within " + ONE_TAKEOVER);
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

    private static Distribution figures(List<Timeline> timelines, Function<Timeline, OptionalLong> interval) {
        return Distribution.of(timelines.stream().map(interval).filter(OptionalLong::isPresent)
                .map(OptionalLong::getAsLong).toList());
    }
}
