package io.understudy.health.watch;

import io.understudy.health.detection.DetectorSettings;
import io.understudy.health.detection.InstanceRef;
import io.understudy.health.detection.Observation;
import io.understudy.health.detection.Observation.Verdict;
import io.understudy.health.detection.PhiAccrualDetector;
import io.understudy.health.detection.ProbeResult;
import io.understudy.health.detection.SelfSuspicion;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One observer's votes ({@link HealthWatch}: the real detector and self-suspicion) while it probes six instances of
 * two environments on a simulated clock, the way {@code ProbeRounds} does: a round every 100 ms, one probe out per
 * instance at a time, answers after 1 ms, probes into a cut network given up after the 300 ms timeout.
 */
class CutOffObserverTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final Duration REPORT_INTERVAL = Duration.ofSeconds(1);
    /** As the service derives it: a probe timeout and two rounds. */
    private static final Duration SETTLE = TIMEOUT.plus(INTERVAL.multipliedBy(2));
    private static final List<ProbeTarget> SIX = IntStream.rangeClosed(1, 6)
            .mapToObj(i -> new ProbeTarget(new InstanceRef(i <= 3 ? "env-1" : "env-2", "i-" + i), "127.0.9." + i)).toList();
    private static final ProbeTarget FIRST = SIX.get(0);

    @Test
    void an_observer_cut_off_from_every_instance_abstains_before_any_suspicion_vote_and_votes_again_once_it_sees_them() {
        Observer observer = new Observer(0.5);
        observer.runUntil(T0.plusSeconds(30));

        Instant cut = T0.plusSeconds(30);
        SIX.forEach(t -> observer.fate(t, Fate.DROPPED));
        observer.runUntil(cut.plusSeconds(10));
        List<Vote> duringCut = observer.votesSince(cut);
        Instant healed = cut.plusSeconds(10);
        SIX.forEach(t -> observer.fate(t, Fate.ANSWERS));
        observer.runUntil(healed.plusSeconds(5));

        assertThat(observer.votes).as("no SUSPECT vote at any time").noneMatch(v -> v.verdict() == Verdict.SUSPECT);
        assertThat(duringCut).filteredOn(v -> v.verdict() == Verdict.ABSTAIN).extracting(Vote::instance)
                .as("every detector did suspect its instance: each of those votes would have been SUSPECT")
                .containsAll(SIX.stream().map(ProbeTarget::instance).toList());
        assertThat(observer.changes).extracting(SelfSuspicion.Change::suspectsItself).containsExactly(true, false);
        SelfSuspicion.Change start = observer.changes.get(0);
        SelfSuspicion.Change end = observer.changes.get(1);
        assertThat(start.at()).isBetween(cut, cut.plus(TIMEOUT).plus(INTERVAL.multipliedBy(2)));
        assertThat(start.at()).isBefore(duringCut.stream().filter(v -> v.verdict() == Verdict.ABSTAIN)
                .map(Vote::at).min(Comparator.naturalOrder()).orElseThrow());
        assertThat(start.watched()).isEqualTo(6);
        assertThat(observer.environments.get(0)).containsExactlyInAnyOrder("env-1", "env-2");
        assertThat(end.at()).isAfterOrEqualTo(healed.plus(SETTLE));
        assertThat(observer.votesSince(healed)).filteredOn(v -> v.verdict() == Verdict.RECOVERING).extracting(Vote::instance)
                .containsAll(SIX.stream().map(ProbeTarget::instance).toList());
    }

    @Test
    void one_instance_failing_among_many_is_voted_on_within_one_round_of_an_unguarded_observer() {
        Observer observer = new Observer(0.5);
        Observer unguarded = new Observer(1.0);
        for (Observer o : List.of(observer, unguarded)) {
            o.runUntil(T0.plusSeconds(30));
            o.fate(FIRST, Fate.DROPPED);
            o.runUntil(T0.plusSeconds(40));
        }

        List<Vote> suspicions = observer.votes.stream().filter(v -> v.verdict() == Verdict.SUSPECT).toList();
        assertThat(suspicions).extracting(Vote::instance).containsOnly(FIRST.instance());
        Vote unguardedVote = unguarded.votes.stream().filter(v -> v.verdict() == Verdict.SUSPECT).findFirst().orElseThrow();
        assertThat(suspicions.get(0).at()).as("held back until the next round's answers from the others")
                .isAfterOrEqualTo(unguardedVote.at()).isBeforeOrEqualTo(unguardedVote.at().plus(INTERVAL).plusMillis(1));
        assertThat(Duration.between(T0.plusSeconds(30), suspicions.get(0).at())).isLessThan(Duration.ofSeconds(1));
        assertThat(observer.votes).filteredOn(v -> v.verdict() == Verdict.ABSTAIN).as("the vote held back in the meantime")
                .singleElement().satisfies(v -> {
                    assertThat(v.instance()).isEqualTo(FIRST.instance());
                    assertThat(v.at()).isBeforeOrEqualTo(suspicions.get(0).at());
                });
        assertThat(observer.changes).isEmpty();
    }

    @Test
    void an_instance_already_failing_when_the_observer_is_cut_off_gets_no_suspect_vote() {
        Observer observer = new Observer(0.5);
        observer.runUntil(T0.plusSeconds(30));
        observer.fate(FIRST, Fate.DROPPED);
        Observer unguarded = new Observer(1.0);
        unguarded.runUntil(T0.plusSeconds(30));
        unguarded.fate(FIRST, Fate.DROPPED);
        unguarded.runUntil(T0.plusSeconds(31));
        Instant crossing = unguarded.votes.stream().filter(v -> v.verdict() == Verdict.SUSPECT).findFirst().orElseThrow().at();
        // the rest of the network fails after the instance's last probe went out, before the detector crosses its
        // threshold: the others' probes have not timed out yet when it does
        observer.runUntil(crossing.minus(INTERVAL));
        SIX.subList(1, 6).forEach(t -> observer.fate(t, Fate.DROPPED));
        observer.runUntil(T0.plusSeconds(40));

        assertThat(observer.votes).as("no SUSPECT vote at any time").noneMatch(v -> v.verdict() == Verdict.SUSPECT);
        assertThat(observer.changes).extracting(SelfSuspicion.Change::suspectsItself).containsExactly(true);
        assertThat(observer.changes.get(0).at()).isAfter(crossing);
    }

    @Test
    void the_vote_on_an_instance_already_suspected_changes_sides_with_the_observers_trust_in_itself() {
        Observer observer = new Observer(0.5);
        observer.runUntil(T0.plusSeconds(30));
        observer.fate(FIRST, Fate.REFUSED);
        observer.runUntil(T0.plusSeconds(35));
        assertThat(observer.votes).extracting(Vote::verdict).as("held back for the others' answers, then voted")
                .containsExactly(Verdict.ABSTAIN, Verdict.SUSPECT);

        Instant cut = T0.plusSeconds(35);
        SIX.subList(1, 6).forEach(t -> observer.fate(t, Fate.DROPPED));
        observer.runUntil(cut.plusSeconds(5));
        Instant healed = cut.plusSeconds(5);
        SIX.subList(1, 6).forEach(t -> observer.fate(t, Fate.ANSWERS));
        observer.runUntil(healed.plusSeconds(5));

        Instant start = observer.changes.get(0).at();
        Instant end = observer.changes.get(1).at();
        List<Vote> onFirst = observer.votes.stream().filter(v -> v.instance().equals(FIRST.instance())).toList();
        assertThat(onFirst).filteredOn(v -> v.at().equals(start)).extracting(Vote::verdict).containsExactly(Verdict.ABSTAIN);
        assertThat(onFirst).filteredOn(v -> v.at().equals(end)).extracting(Vote::verdict).containsExactly(Verdict.SUSPECT);
        assertThat(onFirst).filteredOn(v -> v.at().isAfter(start) && v.at().isBefore(end))
                .as("reports in between repeat the abstention").extracting(Vote::verdict).doesNotContain(Verdict.SUSPECT);
        assertThat(observer.votes).filteredOn(v -> v.verdict() == Verdict.SUSPECT).extracting(Vote::instance)
                .containsOnly(FIRST.instance());
    }

    private enum Fate { ANSWERS, DROPPED, REFUSED }

    private record Vote(InstanceRef instance, Verdict verdict, Instant at) {
    }

    private record Pending(ProbeTarget target, ProbeResult result) {
    }

    /** HealthWatch probed in rounds on a simulated clock; collects its votes (changes and reports) and its self-suspicions. */
    private static final class Observer {
        final HealthWatch watch;
        final List<Vote> votes = new ArrayList<>();
        final List<SelfSuspicion.Change> changes = new ArrayList<>();
        final List<Set<String>> environments = new ArrayList<>();
        final Map<ProbeTarget, Fate> fates = new HashMap<>();
        final Map<ProbeTarget, Instant> outstandingUntil = new HashMap<>();
        final PriorityQueue<Pending> pending = new PriorityQueue<>(Comparator.comparing((Pending p) -> p.result().at()));
        Instant now = T0;
        Instant nextReport = T0.plus(REPORT_INTERVAL);

        Observer(double fraction) {
            DetectorSettings settings = DetectorSettings.defaults(INTERVAL);
            watch = new HealthWatch(new PhiAccrualDetector(settings), new SelfSuspicion(fraction, 3, SETTLE, settings.bootGrace()),
                    (instance, at) -> { }, (change, environments) -> {
                        changes.add(change);
                        this.environments.add(environments);
                    });
            watch.environmentChanged(0, "env-1", SIX.subList(0, 3), T0);
            watch.environmentChanged(1, "env-2", SIX.subList(3, 6), T0);
            SIX.forEach(t -> fates.put(t, Fate.ANSWERS));
        }

        void fate(ProbeTarget target, Fate fate) {
            fates.put(target, fate);
        }

        void runUntil(Instant until) {
            while (now.isBefore(until)) {
                while (!pending.isEmpty() && !pending.peek().result().at().isAfter(now)) {
                    Pending done = pending.poll();
                    watch.probed(done.target(), done.result()).forEach(this::vote);
                }
                if (!now.isBefore(nextReport)) {
                    watch.observeAll(now).forEach(this::vote);
                    nextReport = nextReport.plus(REPORT_INTERVAL);
                }
                for (ProbeTarget target : SIX) {
                    if (!now.isBefore(outstandingUntil.getOrDefault(target, Instant.MIN))) {
                        ProbeResult result = switch (fates.get(target)) {
                            case ANSWERS -> ProbeResult.healthy(now.plusMillis(1));
                            case REFUSED -> ProbeResult.failed("connection refused", now.plusMillis(1));
                            case DROPPED -> ProbeResult.failed("no answer within 300ms", now.plus(TIMEOUT));
                        };
                        outstandingUntil.put(target, result.at());
                        pending.add(new Pending(target, result));
                    }
                }
                now = now.plus(INTERVAL);
            }
        }

        List<Vote> votesSince(Instant since) {
            return votes.stream().filter(v -> !v.at().isBefore(since)).toList();
        }

        /** Reports repeat unchanged votes; only changes of an instance's vote are kept. */
        private void vote(Observation observation) {
            Vote vote = new Vote(observation.instance(), observation.verdict(), observation.at());
            Vote previous = votes.stream().filter(v -> v.instance().equals(vote.instance())).reduce((a, b) -> b).orElse(null);
            if (previous == null ? vote.verdict() != Verdict.UP : previous.verdict() != vote.verdict()) {
                votes.add(vote);
            }
        }
    }
}
