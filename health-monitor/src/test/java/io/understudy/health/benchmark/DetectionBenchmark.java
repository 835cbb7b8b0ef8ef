package io.understudy.health.benchmark;

import io.understudy.health.detection.DetectorSettings;
import io.understudy.health.detection.FailureDetector;
import io.understudy.health.detection.InstanceRef;
import io.understudy.health.detection.Observation;
import io.understudy.health.detection.Observation.Verdict;
import io.understudy.health.detection.PhiAccrualDetector;
import io.understudy.health.detection.SimulatedProbes;
import io.understudy.health.quorum.Announced;
import io.understudy.health.quorum.HealthEvent;
import io.understudy.health.quorum.Quorum;
import io.understudy.health.quorum.Report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Detection time and false alarms of the default detector on a simulated clock, for one observer and for the
 * 2-of-3 quorum (Kafka's own latency, a few tens of ms per hop, is not in these figures). The instance answers
 * each probe after 1 ms + |N(0, jitter)|, pauses now and then for up to the longest pause, and crashes at a random
 * moment after a warm-up. Not a test: it prints figures. Optional arguments: jitter and longest pause in ms.
 * <pre>
 * ./mvnw -B -ntp -o -q test-compile dependency:build-classpath -pl health-monitor -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -cp health-monitor/target/test-classes:health-monitor/target/classes:$(cat health-monitor/target/test.classpath) io.understudy.health.benchmark.DetectionBenchmark
 * </pre>
 */
public final class DetectionBenchmark {
    private static final InstanceRef INSTANCE = new InstanceRef("env-bench", "i-master");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static Duration JITTER = Duration.ofMillis(20);
    private static Duration LONGEST_PAUSE = Duration.ofMillis(300);
    private static final Duration MEAN_TIME_BETWEEN_PAUSES = Duration.ofSeconds(10);
    private static final Duration REPORT_INTERVAL = Duration.ofSeconds(1);
    private static final int HEALTHY_INTERVALS = 1_000_000;
    private static final int CRASHES = 10_000;
    private static final int WARM_UP_INTERVALS = 300;

    private DetectionBenchmark() {
    }

    /** @param args optional: the jitter and the longest pause in ms (default 20 and 300), to probe the margin */
    public static void main(String[] args) {
        if (args.length == 1 || args.length > 2 || Arrays.asList(args).contains("--help")) {
            System.out.println("""
                    usage: ./understudy bench detection [JITTER_MS PAUSE_MS]

                    Detection time (p50/p99) and false alarms of the default phi accrual detector on a simulated clock,
                    for one observer and the 2-of-3 quorum, at probe intervals of 50, 100, 250 and 1000 ms. The instance
                    answers after 1 ms + |N(0, JITTER_MS)| (default 20), pauses for up to PAUSE_MS (default 300) now
                    and then, and crashes at a random moment. Kafka's own latency is not in these figures.""");
            return;
        }
        if (args.length == 2) {
            JITTER = Duration.ofMillis(Long.parseLong(args[0]));
            LONGEST_PAUSE = Duration.ofMillis(Long.parseLong(args[1]));
        }
        DetectorSettings settings = DetectorSettings.defaults(Duration.ofMillis(100));
        System.out.printf("phi accrual, default settings: threshold %.1f, min std dev %d ms, acceptable pause %d ms, window %d%n",
                settings.threshold(), settings.minStdDev().toMillis(), settings.acceptablePause().toMillis(), settings.window());
        System.out.printf("instance: answers after 1 ms + |N(0, %d ms)|, probe timeout %d ms, pauses of 1-%d ms every %d s on average%n%n",
                JITTER.toMillis(), TIMEOUT.toMillis(), LONGEST_PAUSE.toMillis(), MEAN_TIME_BETWEEN_PAUSES.toSeconds());
        for (int interval : new int[]{50, 100, 250, 1000}) {
            run(DetectorSettings.defaults(Duration.ofMillis(interval)), interval == 100);
        }
    }

    private static void run(DetectorSettings settings, boolean alsoCutOff) {
        Duration interval = settings.probeInterval();
        long started = System.nanoTime();
        Run healthy = new Run(settings, 3, 1);
        healthy.until(T0.plus(interval.multipliedBy(HEALTHY_INTERVALS)), null);
        String cutOff = "";
        if (alsoCutOff) {
            Run isolated = new Run(settings, 3, 2);
            isolated.cutOff = "o0";
            isolated.observers.get(0).crash(T0.plus(interval.multipliedBy(WARM_UP_INTERVALS)));
            isolated.until(T0.plus(interval.multipliedBy(HEALTHY_INTERVALS)), null);
            cutOff = String.format("; one of 3 observers cut off for %,d intervals: %d InstanceFailed",
                    HEALTHY_INTERVALS - WARM_UP_INTERVALS, isolated.failedEvents);
        }
        long[] single = new long[CRASHES];
        long[] quorum = new long[CRASHES];
        Random offsets = new Random(3);
        long intervals = 0;
        for (int trial = 0; trial < CRASHES; trial++) {
            Run run = new Run(settings, 3, 100 + trial);
            Instant crash = T0.plus(interval.multipliedBy(WARM_UP_INTERVALS))
                    .plusNanos((long) (offsets.nextDouble() * interval.toNanos()));
            run.observers.forEach(o -> o.crash(crash));
            run.until(crash.plusSeconds(60), crash);
            single[trial] = Duration.between(crash, run.firstSuspicion).toMillis();
            quorum[trial] = Duration.between(crash, run.failedAt).toMillis();
            intervals += Duration.between(T0, run.failedAt).toNanos() / interval.toNanos();
        }
        System.out.printf("probes every %d ms: %,d healthy intervals x 3 observers: %d false suspicions, %d InstanceFailed%s%n",
                interval.toMillis(), HEALTHY_INTERVALS, healthy.falseSuspicions, healthy.failedEvents, cutOff);
        System.out.printf("  %,d crashes (%,d more intervals): one observer p50 %d ms, p99 %d ms, max %d ms;"
                        + " 2 of 3 observers p50 %d ms, p99 %d ms, max %d ms  [%.1f s]%n%n",
                CRASHES, intervals, percentile(single, 50), percentile(single, 99), percentile(single, 100),
                percentile(quorum, 50), percentile(quorum, 99), percentile(quorum, 100),
                (System.nanoTime() - started) / 1e9);
    }

    private static long percentile(long[] values, int percent) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }

    /** Three observers of one instance, out of phase, each with its own jitter, sharing the instance's pauses. */
    private static final class Run {
        final List<SimulatedProbes> observers = new ArrayList<>();
        final List<FailureDetector> detectors = new ArrayList<>();
        final Instant[] nextReport;
        final Quorum quorum = new Quorum(2, Duration.ofSeconds(5));
        final Map<String, Report> latest = new LinkedHashMap<>();
        final Random pauses;
        final Duration interval;
        Announced announced = Announced.NOTHING;
        String cutOff;
        Instant nextPause;
        int falseSuspicions;
        int failedEvents;
        Instant firstSuspicion;
        Instant failedAt;

        Run(DetectorSettings settings, int count, long seed) {
            Random random = new Random(seed);
            interval = settings.probeInterval();
            pauses = new Random(seed * 31);
            nextReport = new Instant[count];
            for (int i = 0; i < count; i++) {
                FailureDetector detector = new PhiAccrualDetector(settings);
                Instant start = T0.plusNanos((long) (random.nextDouble() * interval.toNanos()));
                detectors.add(detector);
                observers.add(new SimulatedProbes(detector, INSTANCE, start, interval, TIMEOUT, JITTER, random.nextLong()));
                nextReport[i] = start.plus(REPORT_INTERVAL);
            }
            nextPause = T0.plus(nextGap());
        }

        /** Runs every observer to {@code until}, in time order; after a crash, only until o0 and the quorum have both decided. */
        void until(Instant until, Instant crash) {
            while (true) {
                int i = earliest();
                SimulatedProbes observer = observers.get(i);
                Instant now = observer.now();
                if (!now.isBefore(until) || (crash != null && failedAt != null && firstSuspicion != null)) {
                    return;
                }
                if (!now.isBefore(nextPause)) {
                    Duration length = Duration.ofNanos(1_000_000 + (long) (pauses.nextDouble() * (LONGEST_PAUSE.toNanos() - 1_000_000)));
                    observers.forEach(o -> o.pause(nextPause, length));
                    nextPause = nextPause.plus(length).plus(nextGap());
                }
                Optional<Observation> change = observer.step();
                change.ifPresent(o -> judge("o" + i, o, crash));
                if (!now.isBefore(nextReport[i])) {
                    detectors.get(i).observe(INSTANCE, now).ifPresent(o -> judge("o" + i, o, crash));
                    nextReport[i] = nextReport[i].plus(REPORT_INTERVAL);
                }
            }
        }

        private void judge(String observer, Observation observation, Instant crash) {
            boolean alive = crash == null || observation.at().isBefore(crash);
            if (observation.verdict() == Verdict.SUSPECT) {
                if (alive && !observer.equals(cutOff)) {
                    falseSuspicions++;
                }
                if (firstSuspicion == null && !alive && observer.equals("o0")) {
                    firstSuspicion = observation.at();
                }
            }
            Report report = new Report(observer, observation);
            latest.put(observer, report);
            Quorum.Outcome outcome = quorum.decide(announced, List.copyOf(latest.values()), report);
            announced = outcome.announced();
            for (HealthEvent event : outcome.events()) {
                if (event.kind() == HealthEvent.Kind.FAILED) {
                    failedEvents += alive ? 1 : 0;
                    if (!alive && failedAt == null) {
                        failedAt = event.at();
                    }
                }
            }
        }

        private int earliest() {
            int best = 0;
            for (int i = 1; i < observers.size(); i++) {
                if (observers.get(i).now().isBefore(observers.get(best).now())) {
                    best = i;
                }
            }
            return best;
        }

        private Duration nextGap() {
            return Duration.ofNanos((long) (-Math.log(1 - pauses.nextDouble()) * MEAN_TIME_BETWEEN_PAUSES.toNanos()));
        }
    }
}
