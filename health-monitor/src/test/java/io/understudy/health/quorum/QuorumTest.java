package io.understudy.health.quorum;

import io.understudy.health.detection.InstanceRef;
import io.understudy.health.detection.Observation;
import io.understudy.health.detection.Observation.Verdict;
import io.understudy.health.quorum.Announced.Level;
import io.understudy.health.quorum.HealthEvent.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class QuorumTest {
    private static final InstanceRef MASTER = new InstanceRef("env-1", "i-master");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant LAST_GOOD = T0.minusMillis(700);

    private final Quorum quorum = new Quorum(2, Duration.ofSeconds(5));
    private final Map<String, Report> latest = new LinkedHashMap<>();
    private Announced announced = Announced.NOTHING;

    @Test
    void one_observer_cut_off_from_a_live_instance_fails_nothing() {
        report("a", Verdict.UP, T0);
        report("b", Verdict.UP, T0);
        report("c", Verdict.UP, T0);

        List<HealthEvent> events = new ArrayList<>(report("a", Verdict.SUSPECT, T0.plusSeconds(1)));
        for (int second = 2; second < 30; second++) {
            events.addAll(report("a", Verdict.SUSPECT, T0.plusSeconds(second)));
            events.addAll(report("b", Verdict.UP, T0.plusSeconds(second)));
            events.addAll(report("c", Verdict.UP, T0.plusSeconds(second)));
        }

        assertThat(events).extracting(HealthEvent::kind).containsExactly(Kind.SUSPECTED);
        assertThat(events.get(0).agreeingObservers()).containsExactly("a");
        assertThat(announced.level()).isEqualTo(Level.SUSPECTED);
    }

    @Test
    void a_second_suspecting_observer_fails_the_instance_once_with_the_evidence() {
        report("a", Verdict.UP, T0);
        report("b", Verdict.UP, T0);
        report("c", Verdict.UP, T0);
        report("a", Verdict.SUSPECT, T0.plusMillis(800));

        List<HealthEvent> events = report("b", Verdict.SUSPECT, T0.plusMillis(850));
        List<HealthEvent> later = report("c", Verdict.SUSPECT, T0.plusMillis(900));

        assertThat(events).extracting(HealthEvent::kind).containsExactly(Kind.FAILED);
        HealthEvent failed = events.get(0);
        assertThat(failed.agreeingObservers()).containsExactly("a", "b");
        assertThat(failed.quorum()).isEqualTo(2);
        assertThat(failed.observer()).isEqualTo("b");
        assertThat(failed.phi()).isEqualTo(9.0);
        assertThat(failed.lastHealthyAt()).contains(LAST_GOOD);
        assertThat(failed.at()).isEqualTo(T0.plusMillis(850));
        assertThat(failed.reason()).startsWith("2 of 3 observers suspect it (2 required); b: ");
        assertThat(later).isEmpty();
    }

    @Test
    void a_lone_observer_decides_alone_once_the_quorum_has_listened_for_an_observer_timeout() {
        report("a", Verdict.UP, T0);

        List<HealthEvent> events = report("a", Verdict.SUSPECT, T0.plusSeconds(5));

        assertThat(events).extracting(HealthEvent::kind).containsExactly(Kind.SUSPECTED, Kind.FAILED);
        assertThat(events.get(1).quorum()).isEqualTo(1);
    }

    @Test
    void the_first_report_of_a_cut_off_observer_fails_nothing_before_the_others_could_speak() {
        List<HealthEvent> first = report("a", Verdict.SUSPECT, T0);
        List<HealthEvent> others = new ArrayList<>(report("b", Verdict.UP, T0.plusMillis(300)));
        others.addAll(report("c", Verdict.UP, T0.plusMillis(600)));
        for (int second = 1; second < 10; second++) {
            others.addAll(report("a", Verdict.SUSPECT, T0.plusSeconds(second)));
            others.addAll(report("b", Verdict.UP, T0.plusSeconds(second)));
            others.addAll(report("c", Verdict.UP, T0.plusSeconds(second)));
        }

        assertThat(first).extracting(HealthEvent::kind).containsExactly(Kind.SUSPECTED);
        assertThat(first.get(0).quorum()).as("k itself while listening").isEqualTo(2);
        assertThat(others).isEmpty();
    }

    @Test
    void an_observer_that_stopped_reporting_no_longer_counts_for_or_against() {
        report("a", Verdict.UP, T0);
        report("b", Verdict.UP, T0);
        report("c", Verdict.UP, T0);
        for (int second = 1; second <= 6; second++) {
            report("a", Verdict.UP, T0.plusSeconds(second));
        }

        // b and c are gone: a is the only live observer, so its suspicion is enough
        List<HealthEvent> events = report("a", Verdict.SUSPECT, T0.plusSeconds(7));

        assertThat(events).extracting(HealthEvent::kind).containsExactly(Kind.SUSPECTED, Kind.FAILED);
        assertThat(events.get(1).quorum()).isEqualTo(1);
    }

    @Test
    void with_a_floor_of_two_a_lone_observer_never_fails_an_instance() {
        Quorum strict = new Quorum(2, 2, Duration.ofSeconds(5));
        Report lone = new Report("a", new Observation(MASTER, Verdict.SUSPECT, false, 1, 9.0, Optional.of(LAST_GOOD), 5,
                T0, "cut off"));

        Quorum.Outcome outcome = strict.decide(new Announced(Level.NONE, false, T0.minusSeconds(60)), List.of(lone), lone);

        assertThat(outcome.events()).extracting(HealthEvent::kind).containsExactly(Kind.SUSPECTED);
    }

    @Test
    void recovery_is_announced_only_when_every_live_observer_sees_the_instance_up_again() {
        report("a", Verdict.SUSPECT, T0);
        report("b", Verdict.SUSPECT, T0);

        assertThat(report("a", Verdict.RECOVERING, T0.plusSeconds(1))).isEmpty();
        assertThat(report("b", Verdict.RECOVERING, T0.plusSeconds(1))).isEmpty();
        assertThat(report("a", Verdict.UP, T0.plusSeconds(3))).isEmpty();
        List<HealthEvent> events = report("b", Verdict.UP, T0.plusSeconds(3));

        assertThat(events).extracting(HealthEvent::kind).containsExactly(Kind.RECOVERED);
        assertThat(events.get(0).agreeingObservers()).containsExactly("a", "b");
        assertThat(announced.level()).isEqualTo(Level.NONE);
        assertThat(announced.since()).isEqualTo(T0);
    }

    @Test
    void flapping_needs_the_quorum_too_and_ends_when_no_observer_sees_it() {
        report("a", Verdict.UP, T0);
        report("b", Verdict.UP, T0);

        assertThat(flapping("a", true, T0.plusSeconds(1))).isEmpty();
        List<HealthEvent> flapping = flapping("b", true, T0.plusSeconds(1));
        assertThat(flapping("a", false, T0.plusSeconds(2))).isEmpty();
        List<HealthEvent> steady = flapping("b", false, T0.plusSeconds(2));

        assertThat(flapping).extracting(HealthEvent::kind).containsExactly(Kind.FLAPPING);
        assertThat(flapping.get(0).episodes()).isEqualTo(3);
        assertThat(steady).extracting(HealthEvent::kind).containsExactly(Kind.STEADY);
    }

    @Test
    void the_announcement_survives_its_text_form() {
        for (Level level : Level.values()) {
            for (boolean flapping : new boolean[]{false, true}) {
                for (Instant since : new Instant[]{null, T0}) {
                    Announced announced = new Announced(level, flapping, since);
                    assertThat(Announced.parse(announced.text())).isEqualTo(announced);
                }
            }
        }
        assertThat(Announced.parse(null)).isEqualTo(Announced.NOTHING);
    }

    private List<HealthEvent> report(String observer, Verdict verdict, Instant at) {
        return send(observer, new Observation(MASTER, verdict, false, 0, verdict == Verdict.SUSPECT ? 9.0 : 0.1,
                Optional.of(LAST_GOOD), verdict == Verdict.SUSPECT ? 5 : 0, at, verdict + " as seen by " + observer));
    }

    private List<HealthEvent> flapping(String observer, boolean flapping, Instant at) {
        return send(observer, new Observation(MASTER, Verdict.UP, flapping, flapping ? 3 : 0, 0.1, Optional.of(LAST_GOOD),
                0, at, "flapping " + flapping));
    }

    private List<HealthEvent> send(String observer, Observation observation) {
        Report report = new Report(observer, observation);
        latest.put(observer, report);
        Quorum.Outcome outcome = quorum.decide(announced, List.copyOf(latest.values()), report);
        announced = outcome.announced();
        return outcome.events();
    }
}
