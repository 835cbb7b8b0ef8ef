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
 *     default) a lone replica decides alone. Where the live observers run in two or more zones, the suspecting ones
 *     must also span two zones: a fault between one zone and the instance is not a failure of the instance;</li>
 * <li>InstanceFailed again, {@code repeated}, every re-announcement interval while it is still failed and those
 *     conditions still hold, so that an announcement lost on the way never leaves a failed instance in place;</li>
 * <li>InstanceRecovered once every live observer sees it UP again (each only after its stable period, and having
 *     seen it answer: an observer still in its boot grace, e.g. a restarted replica, vouches for nothing);</li>
 * <li>InstanceFlapping(true) once {@code min(k, live)} observers see it flapping, (false) once none does.</li>
 * </ul>
 * An observer is live while its latest report is no older than {@code observerTimeout} before the newest report:
 * observers report every instance they watch periodically, so a crashed replica stops counting by itself. Who is
 * live is only known after listening that long, so for the first {@code observerTimeout} after the quorum first
 * hears of an instance (a new instance, or a quorum started afresh) k is not lowered for missing observers: the
 * first report of a cut-off observer cannot fail an instance just because the others have not spoken yet.
 * <p>
 * An observer that suspects itself ABSTAINs: it is live, so it keeps k where it was and its zone among the zones to
 * span, but it neither suspects the instance nor sees it UP (nor flapping). Abstaining never makes a failure easier
 * to declare, and an abstaining observer cannot declare a recovery either; a real failure then needs the observers
 * that still trust their view, k of them.
 */
public final class Quorum {
    private final int agree;
    private final int minAgree;
    private final Duration observerTimeout;
    private final Duration reannounceInterval;

    public Quorum(int agree, Duration observerTimeout) {
        this(agree, 1, observerTimeout);
    }

    /** A quorum that announces each failure once. */
    public Quorum(int agree, int minAgree, Duration observerTimeout) {
        this(agree, minAgree, observerTimeout, Duration.ZERO);
    }

    /**
     * @param agree              k
     * @param minAgree           a floor under min(k, live): 1 lets a lone replica decide; 2 means that no single
     *                           observer can ever fail an instance, at the price of no failure at all while fewer
     *                           than 2 observers are live
     * @param reannounceInterval how often a failure that still holds is said again; zero: never
     */
    public Quorum(int agree, int minAgree, Duration observerTimeout, Duration reannounceInterval) {
        if (minAgree < 1 || agree < minAgree) {
            throw new IllegalArgumentException("observers that must agree need 1 <= min-agree <= agree, were "
                    + minAgree + " and " + agree);
        }
        if (observerTimeout.isZero() || observerTimeout.isNegative()) {
            throw new IllegalArgumentException("observer timeout must be positive, was " + observerTimeout);
        }
        if (reannounceInterval.isNegative()) {
            throw new IllegalArgumentException("understudy.health.quorum.reannounce-interval must not be negative (0: never), was "
                    + reannounceInterval);
        }
        this.agree = agree;
        this.minAgree = minAgree;
        this.observerTimeout = observerTimeout;
        this.reannounceInterval = reannounceInterval;
    }

    public record Outcome(Announced announced, List<HealthEvent> events) {
    }

    public int minAgree() {
        return minAgree;
    }

    /** @param reports the latest report of every observer of the instance, the triggering one included */
    public Outcome decide(Announced before, List<Report> reports, Report trigger) {
        Instant now = trigger.observation().at();
        Instant since = before.since() == null ? now : before.since();
        List<Report> live = live(reports, now);
        boolean listenedLongEnough = !now.isBefore(since.plus(observerTimeout));
        int quorum = Math.max(minAgree, listenedLongEnough ? Math.min(agree, live.size()) : agree);
        List<Report> suspects = matching(live, r -> r.observation().verdict() == Verdict.SUSPECT);
        List<Report> flappers = matching(live, r -> r.observation().flapping() && r.observation().verdict() != Verdict.ABSTAIN);
        boolean zoned = zones(live).size() >= 2;
        boolean failing = suspects.size() >= quorum && (!zoned || zones(suspects).size() >= 2);
        List<HealthEvent> events = new ArrayList<>(2);
        Level level = before.level();
        boolean flapping = before.flapping();
        Instant said = before.said();
        if (level == Level.NONE && !suspects.isEmpty()) {
            events.add(event(Kind.SUSPECTED, suspects, trigger, quorum, "suspected by " + names(suspects), false));
            level = Level.SUSPECTED;
        }
        if (failing && (level != Level.FAILED || due(said, now))) {
            boolean repeated = level == Level.FAILED;
            events.add(event(Kind.FAILED, suspects, trigger, quorum, (repeated ? "still " : "") + suspects.size() + " of "
                    + live.size() + " observers suspect it (" + quorum + " required"
                    + (zoned ? ", in at least two of zones " + String.join(", ", zones(live)) : "") + ")", repeated));
            level = Level.FAILED;
            said = now;
        }
        if (level != Level.NONE && live.stream().allMatch(Quorum::seesItUp)) {
            events.add(event(Kind.RECOVERED, live, trigger, quorum, "every live observer sees it stable again", false));
            level = Level.NONE;
            said = null;
        }
        if (!flapping && !flappers.isEmpty() && flappers.size() >= quorum) {
            events.add(event(Kind.FLAPPING, flappers, trigger, quorum, "flapping for " + names(flappers), false));
            flapping = true;
        } else if (flapping && flappers.isEmpty()) {
            events.add(event(Kind.STEADY, live, trigger, quorum, "no live observer sees it flapping any more", false));
            flapping = false;
        }
        return new Outcome(new Announced(level, flapping, since, said), events);
    }

    /** The reports that still count at {@code now}; the others belong to observers that stopped reporting. */
    public List<Report> live(List<Report> reports, Instant now) {
        Instant horizon = now.minus(observerTimeout);
        return matching(reports, r -> !r.observation().at().isBefore(horizon));
    }

    /** A failure said before this version kept the time is due at once: a repeat too many is absorbed, a lost one is not. */
    private boolean due(Instant said, Instant now) {
        return !reannounceInterval.isZero() && (said == null || !now.isBefore(said.plus(reannounceInterval)));
    }

    private static boolean seesItUp(Report report) {
        return report.observation().verdict() == Verdict.UP && report.observation().lastHealthyAt().isPresent();
    }

    /** The deciding observer is the triggering one if it agrees, else the agreeing one most sure of itself. */
    private static HealthEvent event(Kind kind, List<Report> agreeing, Report trigger, int quorum, String why, boolean repeated) {
        Report decider = agreeing.contains(trigger) ? trigger
                : agreeing.stream().max(Comparator.comparingDouble(r -> r.observation().phi())).orElse(trigger);
        Observation seen = decider.observation();
        return new HealthEvent(kind, seen.instance(), trigger.observation().at(), why + "; " + decider.observer()
                + ": " + seen.reason(), seen.phi(), seen.lastHealthyAt(), seen.consecutiveFailures(), seen.episodes(),
                decider.observer(), agreeing.stream().map(Report::observer).sorted().toList(), quorum, zones(agreeing),
                repeated);
    }

    /** The distinct zones the observers said they run in, sorted; observers of unknown zone add none. */
    private static List<String> zones(List<Report> reports) {
        return reports.stream().map(Report::zone).filter(zone -> !zone.isEmpty()).distinct().sorted().toList();
    }

    private static List<Report> matching(List<Report> reports, Predicate<Report> test) {
        return reports.stream().filter(test).toList();
    }

    private static String names(List<Report> reports) {
        return String.join(", ", reports.stream().map(Report::observer).sorted().toList());
    }
}
