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
import static org.assertj.core.api.Assertions.tuple;

class QuorumTest {
    private static final InstanceRef MASTER = new InstanceRef("env-1", "i-master");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant LAST_GOOD = T0.minusMillis(700);

    private Quorum quorum = new Quorum(2, Duration.ofSeconds(5));
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

    @Test
    void two_suspecting_observers_of_one_zone_fail_nothing_while_an_observer_in_another_zone_sees_it() {
        report("a", "zone-1", Verdict.UP, T0);
        report("b", "zone-2", Verdict.UP, T0);
        report("c", "zone-2", Verdict.UP, T0);

        List<HealthEvent> events = new ArrayList<>(report("b", "zone-2", Verdict.SUSPECT, T0.plusSeconds(1)));
        for (int second = 2; second < 30; second++) {
            events.addAll(report("a", "zone-1", Verdict.UP, T0.plusSeconds(second)));
            events.addAll(report("b", "zone-2", Verdict.SUSPECT, T0.plusSeconds(second)));
            events.addAll(report("c", "zone-2", Verdict.SUSPECT, T0.plusSeconds(second)));
        }
        List<HealthEvent> acrossZones = report("a", "zone-1", Verdict.SUSPECT, T0.plusSeconds(30));

        assertThat(events).extracting(HealthEvent::kind).containsExactly(Kind.SUSPECTED);
        assertThat(acrossZones).extracting(HealthEvent::kind).containsExactly(Kind.FAILED);
        HealthEvent failed = acrossZones.get(0);
        assertThat(failed.agreeingObservers()).containsExactly("a", "b", "c");
        assertThat(failed.zones()).containsExactly("zone-1", "zone-2");
        assertThat(failed.reason()).startsWith("3 of 3 observers suspect it (2 required, in at least two of zones zone-1, zone-2); a: ");
    }

    @Test
    void observers_that_all_run_in_one_zone_need_no_second_zone() {
        report("a", "zone-1", Verdict.UP, T0);
        report("b", "zone-1", Verdict.UP, T0);
        report("c", "", Verdict.UP, T0);
        report("a", "zone-1", Verdict.SUSPECT, T0.plusSeconds(1));

        List<HealthEvent> events = report("b", "zone-1", Verdict.SUSPECT, T0.plusSeconds(1));

        assertThat(events).extracting(HealthEvent::kind).containsExactly(Kind.FAILED);
        assertThat(events.get(0).zones()).containsExactly("zone-1");
    }

    @Test
    void an_abstaining_observer_keeps_k_where_it_was_where_a_silent_one_would_lower_it() {
        report("a", Verdict.UP, T0);
        report("b", Verdict.UP, T0);
        List<HealthEvent> abstaining = new ArrayList<>();
        for (int second = 1; second <= 20; second++) {
            abstaining.addAll(report("a", Verdict.ABSTAIN, T0.plusSeconds(second)));
            abstaining.addAll(report("b", Verdict.SUSPECT, T0.plusSeconds(second)));
        }
        // a stops reporting: once it is no longer live, b alone is enough
        List<HealthEvent> silent = new ArrayList<>();
        for (int second = 21; second <= 27; second++) {
            silent.addAll(report("b", Verdict.SUSPECT, T0.plusSeconds(second)));
        }

        assertThat(abstaining).extracting(HealthEvent::kind).containsExactly(Kind.SUSPECTED);
        assertThat(abstaining.get(0).agreeingObservers()).as("an abstention is no suspicion").containsExactly("b");
        assertThat(silent).extracting(HealthEvent::kind).containsExactly(Kind.FAILED);
        assertThat(silent.get(0).at()).isEqualTo(T0.plusSeconds(26));
        assertThat(silent.get(0).quorum()).isEqualTo(1);
    }

    @Test
    void an_abstaining_observer_cannot_declare_a_recovery_nor_a_flapping() {
        report("a", Verdict.SUSPECT, T0);
        report("b", Verdict.SUSPECT, T0);
        report("a", Verdict.ABSTAIN, T0.plusSeconds(1));
        assertThat(report("b", Verdict.UP, T0.plusSeconds(2))).isEmpty();
        assertThat(send("a", "", new Observation(MASTER, Verdict.ABSTAIN, true, 3, 9.0, Optional.of(LAST_GOOD), 5,
                T0.plusSeconds(3), "abstains"))).isEmpty();
        assertThat(announced.level()).isEqualTo(Level.FAILED);

        List<HealthEvent> events = report("a", Verdict.UP, T0.plusSeconds(4));

        assertThat(events).extracting(HealthEvent::kind).containsExactly(Kind.RECOVERED);
    }

    @Test
    void a_failure_that_still_holds_is_said_again_every_interval_and_marked_repeated() {
        quorum = new Quorum(2, 1, Duration.ofSeconds(5), Duration.ofSeconds(10));
        report("a", Verdict.UP, T0);
        report("b", Verdict.UP, T0);
        List<HealthEvent> events = new ArrayList<>();
        for (int second = 1; second <= 25; second++) {
            events.addAll(report("a", Verdict.SUSPECT, T0.plusSeconds(second)));
            events.addAll(report("b", Verdict.SUSPECT, T0.plusSeconds(second)));
        }

        List<HealthEvent> failures = events.stream().filter(e -> e.kind() == Kind.FAILED).toList();
        assertThat(failures).extracting(HealthEvent::at)
                .containsExactly(T0.plusSeconds(1), T0.plusSeconds(11), T0.plusSeconds(21));
        assertThat(failures).extracting(HealthEvent::repeated).containsExactly(false, true, true);
        assertThat(failures.get(1).reason()).startsWith("still 2 of 2 observers suspect it (2 required); a: ");
        assertThat(failures.get(1).agreeingObservers()).containsExactly("a", "b");
    }

    @Test
    void a_failure_is_said_again_only_while_the_quorum_still_holds_it() {
        quorum = new Quorum(2, 1, Duration.ofSeconds(5), Duration.ofSeconds(10));
        report("a", Verdict.UP, T0);
        report("b", Verdict.UP, T0);
        report("a", Verdict.SUSPECT, T0.plusSeconds(1));
        List<HealthEvent> first = report("b", Verdict.SUSPECT, T0.plusSeconds(1));
        List<HealthEvent> whileOneRecovers = new ArrayList<>();
        for (int second = 2; second <= 20; second++) {
            whileOneRecovers.addAll(report("a", Verdict.SUSPECT, T0.plusSeconds(second)));
            whileOneRecovers.addAll(report("b", Verdict.RECOVERING, T0.plusSeconds(second)));
        }

        List<HealthEvent> again = report("b", Verdict.SUSPECT, T0.plusSeconds(21));

        assertThat(first).extracting(HealthEvent::kind).containsExactly(Kind.FAILED);
        assertThat(whileOneRecovers).isEmpty();
        assertThat(announced.level()).isEqualTo(Level.FAILED);
        assertThat(again).extracting(HealthEvent::kind, HealthEvent::repeated).containsExactly(tuple(Kind.FAILED, true));
    }

    @Test
    void without_a_reannouncement_interval_a_failure_is_said_once() {
        quorum = new Quorum(2, 1, Duration.ofSeconds(5), Duration.ZERO);
        List<HealthEvent> events = new ArrayList<>();
        for (int second = 0; second <= 60; second++) {
            events.addAll(report("a", Verdict.SUSPECT, T0.plusSeconds(second)));
        }

        assertThat(events).extracting(HealthEvent::kind).containsExactly(Kind.SUSPECTED, Kind.FAILED);
    }

    @Test
    void a_failure_stored_by_a_version_that_kept_no_announcement_time_is_said_again_at_once() {
        quorum = new Quorum(2, 1, Duration.ofSeconds(5), Duration.ofSeconds(10));
        announced = Announced.parse("failed@" + T0.minusSeconds(3600).toEpochMilli());

        List<HealthEvent> events = report("a", Verdict.SUSPECT, T0);

        assertThat(events).extracting(HealthEvent::kind, HealthEvent::repeated).containsExactly(tuple(Kind.FAILED, true));
        assertThat(announced.said()).isEqualTo(T0);
        assertThat(announced.since()).isEqualTo(T0.minusSeconds(3600));
    }

    @Test
    void a_restarted_observer_still_in_its_boot_grace_vouches_for_nothing_and_the_failure_is_said_again() {
        quorum = new Quorum(2, 1, Duration.ofSeconds(5), Duration.ofSeconds(10));
        report("a", Verdict.SUSPECT, T0);
        report("b", Verdict.SUSPECT, T0);
        assertThat(announced.level()).isEqualTo(Level.FAILED);
        // replica a restarts as a-2: its detector has not seen the instance answer, so it says UP (boot grace)
        List<HealthEvent> afterRestart = new ArrayList<>();
        for (int second = 1; second <= 10; second++) {
            afterRestart.addAll(send("a-2", "", new Observation(MASTER, Verdict.UP, false, 0, 0, Optional.empty(), second,
                    T0.plusSeconds(second), "watching")));
            afterRestart.addAll(report("b", Verdict.UP, T0.plusSeconds(second)));
        }
        assertThat(afterRestart).as("b's recovery alone, with a-2 in its boot grace, is no recovery").isEmpty();

        report("b", Verdict.SUSPECT, T0.plusSeconds(11));
        List<HealthEvent> again = report("a-2", Verdict.SUSPECT, T0.plusSeconds(12));

        assertThat(again).extracting(HealthEvent::kind, HealthEvent::repeated).containsExactly(tuple(Kind.FAILED, true));
        assertThat(again.get(0).agreeingObservers()).containsExactly("a-2", "b");
    }

    @Test
    void the_announcement_time_survives_its_text_form_and_older_versions_read_it() {
        Announced failed = new Announced(Level.FAILED, true, T0, T0.plusSeconds(12));

        assertThat(Announced.parse(failed.text())).isEqualTo(failed);
        assertThat(previousParse(failed.text())).isEqualTo(new Announced(Level.FAILED, true, T0));
        assertThat(previousParse(new Announced(Level.FAILED, false, T0, T0).text())).isEqualTo(new Announced(Level.FAILED, false, T0));
        assertThat(Announced.parse("failed,flapping@" + T0.toEpochMilli())).isEqualTo(new Announced(Level.FAILED, true, T0, null));
        assertThat(Announced.parse("suspected,later-flag=1@" + T0.toEpochMilli())).isEqualTo(new Announced(Level.SUSPECTED, false, T0));
    }

    /** {@code Announced.parse} as it was before the announcement time was kept, for a rolling upgrade's older replicas. */
    private static Announced previousParse(String text) {
        String[] whenAndWhat = text.split("@", 2);
        String[] parts = whenAndWhat[0].split(",");
        Instant since = whenAndWhat.length > 1 ? Instant.ofEpochMilli(Long.parseLong(whenAndWhat[1])) : null;
        return new Announced(Level.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT)),
                parts.length > 1 && parts[1].equals("flapping"), since);
    }

    private List<HealthEvent> report(String observer, Verdict verdict, Instant at) {
        return report(observer, "", verdict, at);
    }

    private List<HealthEvent> report(String observer, String zone, Verdict verdict, Instant at) {
        boolean suspects = verdict == Verdict.SUSPECT || verdict == Verdict.ABSTAIN;
        return send(observer, zone, new Observation(MASTER, verdict, false, 0, suspects ? 9.0 : 0.1,
                Optional.of(LAST_GOOD), suspects ? 5 : 0, at, verdict + " as seen by " + observer));
    }

    private List<HealthEvent> flapping(String observer, boolean flapping, Instant at) {
        return send(observer, "", new Observation(MASTER, Verdict.UP, flapping, flapping ? 3 : 0, 0.1, Optional.of(LAST_GOOD),
                0, at, "flapping " + flapping));
    }

    private List<HealthEvent> send(String observer, String zone, Observation observation) {
        Report report = new Report(observer, zone, observation);
        latest.put(observer, report);
        Quorum.Outcome outcome = quorum.decide(announced, List.copyOf(latest.values()), report);
        announced = outcome.announced();
        return outcome.events();
    }
}
