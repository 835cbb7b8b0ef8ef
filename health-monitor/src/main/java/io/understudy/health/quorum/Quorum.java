package io.understudy.health.quorum;

import io.understudy.health.detection.Observation;
import io.understudy.health.detection.Observation.Verdict;
import io.understudy.health.quorum.Announced.Level;
import io.understudy.health.quorum.HealthEvent.Kind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * k of n: turns the observers' reports on one instance into health events. Pure; time is the reports' own.
 * <ul>
 * <li>InstanceSuspected as soon as one live observer suspects the instance (evidence, nothing acts on it);</li>
 * <li>InstanceFailed once {@code max(min-agree, min(k, live observers))} distinct live observers suspect it, so one
 *     observer cut off from an instance fails nothing while another observer still sees it; with min-agree 1 (the
 *     default) a lone replica decides alone;</li>
 * <li>InstanceRecovered once every live observer sees it UP again (each only after its stable period);</li>
 * <li>InstanceFlapping(true) once {@code min(k, live)} observers see it flapping, (false) once none does.</li>
 * </ul>
 * An observer is live while its latest report is no older than {@code observerTimeout} before the newest report:
 * observers report every instance they watch periodically, so a crashed replica stops counting by itself. Who is
 * live is only known after listening that long, so for the first {@code observerTimeout} after the quorum first
 * hears of an instance (a new instance, or a quorum started afresh) k is not lowered for missing observers: the
 * first report of a cut-off observer cannot fail an instance just because the others have not spoken yet.
 */
public final class Quorum {
    private final int agree;
    private final int minAgree;
    private final Duration observerTimeout;

    public Quorum(int agree, Duration observerTimeout) {
        this(agree, 1, observerTimeout);
    }

    /**
     * @param agree    k
     * @param minAgree a floor under min(k, live): 1 lets a lone replica decide; 2 means that no single observer can
     *                 ever fail an instance, at the price of no failure at all while fewer than 2 observers are live
     */
    public Quorum(int agree, int minAgree, Duration observerTimeout) {
        if (minAgree < 1 || agree < minAgree) {
            throw new IllegalArgumentException("observers that must agree need 1 <= min-agree <= agree, were "
                    + minAgree + " and " + agree);
        }
        if (observerTimeout.isZero() || observerTimeout.isNegative()) {
            throw new IllegalArgumentException("observer timeout must be positive, was " + observerTimeout);
        }
        this.agree = agree;
        this.minAgree = minAgree;
        this.observerTimeout = observerTimeout;
    }

    public record Outcome(Announced announced, List<HealthEvent> events) {
    }

    /** @param reports the latest report of every observer of the instance, the triggering one included */
    public Outcome decide(Announced before, List<Report> reports, Report trigger) {
        Instant now = trigger.observation().at();
        Instant since = before.since() == null ? now : before.since();
        List<Report> live = live(reports, now);
        boolean listenedLongEnough = !now.isBefore(since.plus(observerTimeout));
        int quorum = Math.max(minAgree, listenedLongEnough ? Math.min(agree, live.size()) : agree);
        List<Report> suspects = matching(live, r -> r.observation().verdict() == Verdict.SUSPECT);
        List<Report> flappers = matching(live, r -> r.observation().flapping());
        List<HealthEvent> events = new ArrayList<>(2);
        Level level = before.level();
        boolean flapping = before.flapping();
        if (level == Level.NONE && !suspects.isEmpty()) {
            events.add(event(Kind.SUSPECTED, suspects, trigger, quorum, "suspected by " + names(suspects)));
            level = Level.SUSPECTED;
        }
        if (level != Level.FAILED && suspects.size() >= quorum) {
            events.add(event(Kind.FAILED, suspects, trigger, quorum, suspects.size() + " of " + live.size()
                    + " observers suspect it (" + quorum + " required)"));
            level = Level.FAILED;
        }
        if (level != Level.NONE && live.stream().allMatch(r -> r.observation().verdict() == Verdict.UP)) {
            events.add(event(Kind.RECOVERED, live, trigger, quorum, "every live observer sees it stable again"));
            level = Level.NONE;
        }
        if (!flapping && !flappers.isEmpty() && flappers.size() >= quorum) {
            events.add(event(Kind.FLAPPING, flappers, trigger, quorum, "flapping for " + names(flappers)));
            flapping = true;
        } else if (flapping && flappers.isEmpty()) {
            events.add(event(Kind.STEADY, live, trigger, quorum, "no live observer sees it flapping any more"));
            flapping = false;
        }
        return new Outcome(new Announced(level, flapping, since), events);
    }

    /** The reports that still count at {@code now}; the others belong to observers that stopped reporting. */
    public List<Report> live(List<Report> reports, Instant now) {
        Instant horizon = now.minus(observerTimeout);
        return matching(reports, r -> !r.observation().at().isBefore(horizon));
    }

    /** The deciding observer is the triggering one if it agrees, else the agreeing one most sure of itself. */
    private static HealthEvent event(Kind kind, List<Report> agreeing, Report trigger, int quorum, String why) {
        Report decider = agreeing.contains(trigger) ? trigger
                : agreeing.stream().max(Comparator.comparingDouble(r -> r.observation().phi())).orElse(trigger);
        Observation seen = decider.observation();
        return new HealthEvent(kind, seen.instance(), trigger.observation().at(), why + "; " + decider.observer()
                + ": " + seen.reason(), seen.phi(), seen.lastHealthyAt(), seen.consecutiveFailures(), seen.episodes(),
                decider.observer(), agreeing.stream().map(Report::observer).sorted().toList(), quorum);
    }

    private static List<Report> matching(List<Report> reports, Predicate<Report> test) {
        return reports.stream().filter(test).toList();
    }

    private static String names(List<Report> reports) {
        return String.join(", ", reports.stream().map(Report::observer).sorted().toList());
    }
}
