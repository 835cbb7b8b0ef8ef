package io.understudy.health.detection;

import io.understudy.health.detection.Observation.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The detector on a simulated clock: every instant below is an input, nothing reads a clock. */
class PhiAccrualDetectorTest {
    private static final InstanceRef INSTANCE = new InstanceRef("env-1", "i-master");
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration JITTER = Duration.ofMillis(20);

    @ParameterizedTest(name = "probes every {0} ms")
    @ValueSource(ints = {50, 100, 250, 1000})
    void detects_a_crash_within_the_mean_gap_plus_the_acceptable_pause_plus_six_deviations(int intervalMillis) {
        Duration interval = Duration.ofMillis(intervalMillis);
        DetectorSettings settings = DetectorSettings.defaults(interval);
        List<Duration> detections = new ArrayList<>();
        for (int trial = 0; trial < 50; trial++) {
            SimulatedProbes probes = new SimulatedProbes(new PhiAccrualDetector(settings), INSTANCE, START, interval,
                    Duration.ofMillis(300), JITTER, trial);
            assertThat(probes.runUntil(START.plus(interval.multipliedBy(300)))).as("no verdict change while healthy").isEmpty();
            Instant crash = probes.now().plusMillis(trial % intervalMillis);
            probes.crash(crash);

            Observation suspected = probes.runUntil(crash.plusSeconds(30)).orElseThrow();

            assertThat(suspected.verdict()).isEqualTo(Verdict.SUSPECT);
            assertThat(suspected.phi()).isGreaterThanOrEqualTo(settings.threshold());
            assertThat(suspected.lastHealthyAt()).get().matches(t -> !t.isAfter(crash));
            detections.add(Duration.between(crash, suspected.at()));
        }
        long mostMillis = detections.stream().mapToLong(Duration::toMillis).max().orElseThrow();
        long fewestMillis = detections.stream().mapToLong(Duration::toMillis).min().orElseThrow();
        // the threshold of 8 sits 5.2 deviations above the mean gap; the deviation is the 50 ms floor or the jitter's
        long bound = intervalMillis + 300 + 6 * 50 + intervalMillis;
        assertThat(mostMillis).as("slowest detection at %d ms probes, bound %d ms", intervalMillis, bound).isLessThanOrEqualTo(bound);
        assertThat(fewestMillis).as("never faster than the acceptable pause allows").isGreaterThanOrEqualTo(300 - intervalMillis);
    }

    @Test
    void detects_a_crash_at_100_ms_probes_in_under_a_second() {
        Duration interval = Duration.ofMillis(100);
        SimulatedProbes probes = new SimulatedProbes(new PhiAccrualDetector(DetectorSettings.defaults(interval)), INSTANCE,
                START, interval, Duration.ofMillis(300), JITTER, 42);
        probes.runUntil(START.plusSeconds(60));
        Instant crash = probes.now();
        probes.crash(crash);

        Observation suspected = probes.runUntil(crash.plusSeconds(30)).orElseThrow();

        assertThat(Duration.between(crash, suspected.at())).isLessThan(Duration.ofSeconds(1));
        assertThat(suspected.reason()).startsWith("phi ").contains("connection refused");
        assertThat(suspected.consecutiveFailures()).isPositive();
    }

    @ParameterizedTest(name = "probes every {0} ms")
    @ValueSource(ints = {50, 100, 250})
    void raises_no_false_alarm_under_jitter_and_pauses_below_the_acceptable_pause(int intervalMillis) {
        Duration interval = Duration.ofMillis(intervalMillis);
        DetectorSettings settings = DetectorSettings.defaults(interval);
        SimulatedProbes probes = new SimulatedProbes(new PhiAccrualDetector(settings), INSTANCE, START, interval,
                Duration.ofMillis(300), JITTER, intervalMillis);
        Random pauses = new Random(7);
        int paused = 0;
        for (int second = 0; second < 3_000; second++) {
            Instant from = probes.now();
            if (second % 10 == 5) {
                probes.pause(from.plusMillis(pauses.nextInt(1_000)), Duration.ofMillis(pauses.nextInt(300) + 1));
                paused++;
            }
            Optional<Observation> change = probes.runUntil(from.plusSeconds(1));
            assertThat(change).as("verdict change in second %d", second).isEmpty();
        }
        assertThat(paused).isEqualTo(300);
    }

    @Test
    void a_pause_of_the_observer_itself_is_no_evidence() {
        FailureDetector detector = new PhiAccrualDetector(DetectorSettings.defaults(Duration.ofMillis(100)));
        detector.watch(INSTANCE, START);
        Instant t = healthyEvery(detector, START, Duration.ofMillis(100), 100);

        // the observer was stopped for 5 s: its first result after that is a good one
        Optional<Observation> change = detector.probed(INSTANCE, ProbeResult.healthy(t.plusSeconds(5)));

        assertThat(change).isEmpty();
        assertThat(detector.observe(INSTANCE, t.plusSeconds(5)).orElseThrow().verdict()).isEqualTo(Verdict.UP);
    }

    @Test
    void one_failed_probe_right_after_a_good_one_is_not_enough() {
        FailureDetector detector = new PhiAccrualDetector(DetectorSettings.defaults(Duration.ofMillis(100)));
        detector.watch(INSTANCE, START);
        Instant t = healthyEvery(detector, START, Duration.ofMillis(100), 100);

        assertThat(detector.probed(INSTANCE, ProbeResult.failed("HTTP 503", t.plusMillis(100)))).isEmpty();
        assertThat(detector.probed(INSTANCE, ProbeResult.failed("HTTP 503", t.plusMillis(200)))).isEmpty();
        assertThat(detector.probed(INSTANCE, ProbeResult.failed("HTTP 503", t.plusMillis(900))))
                .get().extracting(Observation::verdict).isEqualTo(Verdict.SUSPECT);
    }

    @Test
    void an_instance_that_never_answered_is_not_suspected_before_its_boot_grace() {
        DetectorSettings settings = DetectorSettings.defaults(Duration.ofMillis(100));
        FailureDetector detector = new PhiAccrualDetector(settings);
        detector.watch(INSTANCE, START);

        Instant justBefore = START.plus(settings.bootGrace()).minusMillis(1);
        assertThat(detector.probed(INSTANCE, ProbeResult.failed("connection refused", justBefore))).isEmpty();
        Observation suspected = detector.probed(INSTANCE, ProbeResult.failed("connection refused",
                START.plus(settings.bootGrace()))).orElseThrow();

        assertThat(suspected.verdict()).isEqualTo(Verdict.SUSPECT);
        assertThat(suspected.lastHealthyAt()).isEmpty();
        assertThat(suspected.phi()).isInfinite();
        assertThat(suspected.reason()).startsWith("never answered healthy within the 10m boot grace; 2 consecutive failed probes");
    }

    @Test
    void a_suspected_instance_is_up_again_only_after_answering_for_the_stable_period() {
        DetectorSettings settings = DetectorSettings.defaults(Duration.ofMillis(100));
        FailureDetector detector = new PhiAccrualDetector(settings);
        detector.watch(INSTANCE, START);
        Instant t = suspect(detector, healthyEvery(detector, START, Duration.ofMillis(100), 100));

        Observation recovering = detector.probed(INSTANCE, ProbeResult.healthy(t.plusMillis(100))).orElseThrow();
        assertThat(recovering.verdict()).isEqualTo(Verdict.RECOVERING);
        Instant almostStable = healthyEvery(detector, t.plusMillis(100), Duration.ofMillis(100), 90);
        assertThat(detector.observe(INSTANCE, almostStable).orElseThrow().verdict()).isEqualTo(Verdict.RECOVERING);

        // one failed probe (not enough for a suspicion) restarts the stable period
        assertThat(detector.probed(INSTANCE, ProbeResult.failed("HTTP 503", almostStable.plusMillis(100)))).isEmpty();
        Instant restarted = almostStable.plusMillis(200);
        assertThat(healthyEvery(detector, restarted, Duration.ofMillis(100), 99)).isNotNull();
        assertThat(detector.observe(INSTANCE, restarted.plusMillis(9_900)).orElseThrow().verdict()).isEqualTo(Verdict.RECOVERING);

        Observation up = detector.probed(INSTANCE, ProbeResult.healthy(restarted.plus(settings.stablePeriod()))).orElseThrow();
        assertThat(up.verdict()).isEqualTo(Verdict.UP);
        assertThat(up.flapping()).isFalse();
    }

    @Test
    void three_suspicions_within_the_flap_window_make_an_instance_flapping_until_a_window_passes_quietly() {
        DetectorSettings settings = DetectorSettings.defaults(Duration.ofMillis(100));
        FailureDetector detector = new PhiAccrualDetector(settings);
        detector.watch(INSTANCE, START);
        Instant t = healthyEvery(detector, START, Duration.ofMillis(100), 100);
        List<Boolean> flapping = new ArrayList<>();
        for (int episode = 0; episode < 3; episode++) {
            t = suspect(detector, t);
            flapping.add(detector.observe(INSTANCE, t).orElseThrow().flapping());
            t = healthyEvery(detector, t.plusMillis(100), Duration.ofMillis(100), 150);
        }
        assertThat(flapping).containsExactly(false, false, true);
        assertThat(detector.observe(INSTANCE, t).orElseThrow().episodes()).isEqualTo(3);

        Instant quiet = t.plus(settings.flapWindow());
        Observation steady = healthyUntilChange(detector, t, quiet.plusSeconds(60));
        assertThat(steady.flapping()).isFalse();
        assertThat(steady.verdict()).isEqualTo(Verdict.UP);
        assertThat(steady.at()).isAfter(quiet.minusSeconds(60));
    }

    @Test
    void forgets_an_instance_and_ignores_its_late_results() {
        FailureDetector detector = new PhiAccrualDetector(DetectorSettings.defaults(Duration.ofMillis(100)));
        detector.watch(INSTANCE, START);
        detector.forget(INSTANCE);

        assertThat(detector.probed(INSTANCE, ProbeResult.failed("connection refused", START.plus(Duration.ofHours(1))))).isEmpty();
        assertThat(detector.observe(INSTANCE, START)).isEmpty();
    }

    /** Good probes every {@code gap}, {@code count} of them, from {@code from}; returns the time of the last. */
    private static Instant healthyEvery(FailureDetector detector, Instant from, Duration gap, int count) {
        Instant t = from;
        for (int i = 0; i < count; i++) {
            t = from.plus(gap.multipliedBy(i));
            detector.probed(INSTANCE, ProbeResult.healthy(t));
        }
        return t;
    }

    private static Observation healthyUntilChange(FailureDetector detector, Instant from, Instant until) {
        for (Instant t = from.plusMillis(100); t.isBefore(until); t = t.plusMillis(100)) {
            Optional<Observation> change = detector.probed(INSTANCE, ProbeResult.healthy(t));
            if (change.isPresent()) {
                return change.get();
            }
        }
        throw new AssertionError("no change of verdict until " + until);
    }

    /** Failed probes every 100 ms until the instance is suspected; returns when. */
    private static Instant suspect(FailureDetector detector, Instant lastGood) {
        for (Instant t = lastGood.plusMillis(100); t.isBefore(lastGood.plusSeconds(10)); t = t.plusMillis(100)) {
            Optional<Observation> change = detector.probed(INSTANCE, ProbeResult.failed("connection refused", t));
            if (change.isPresent() && change.get().verdict() == Verdict.SUSPECT) {
                return t;
            }
        }
        throw new AssertionError("not suspected within 10 s of failed probes");
    }
}
