package io.understudy.health.watch;

import io.understudy.health.detection.FailureDetector;
import io.understudy.health.detection.InstanceRef;
import io.understudy.health.detection.Observation;
import io.understudy.health.detection.Observation.Verdict;
import io.understudy.health.detection.ProbeResult;
import io.understudy.health.detection.SelfSuspicion;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The watchlist, the failure detector and the observer's {@link SelfSuspicion} behind one lock: environment state updates
 * arrive on the consumer's thread, probe results on the prober's and reports on the reporter's, and the detector must
 * see each instance's history in order. What comes out are this observer's votes: the detector's verdicts, with
 * SUSPECT turned into ABSTAIN while the observer does not trust its own view. Each probe reaches the self-suspicion
 * rule before the detector, so the observer knows it is cut off before the detector's first suspicion is a vote.
 * <p>
 * A new suspicion is also held back (ABSTAIN) until every other instance has a probe result from after it arose: an
 * instance that was already slow when the observer's network failed crosses the threshold before the other probes
 * have timed out, and its vote would be the cut's first symptom. In the common case of one instance failing, the
 * others' answers to the next round come within one probe interval, and the vote goes out with them.
 * Pure: time comes in with every call.
 */
public final class HealthWatch {
    private final Watchlist watchlist = new Watchlist();
    private final FailureDetector detector;
    private final SelfSuspicion selfSuspicion;
    private final BiConsumer<InstanceRef, Instant> released;
    private final BiConsumer<SelfSuspicion.Change, Set<String>> suspicion;
    /** When the detector's current suspicion of each instance arose. */
    private final Map<InstanceRef, Instant> suspectedSince = new HashMap<>();
    /** Suspicions voted ABSTAIN only for want of a newer view of the others: voted when that view comes. */
    private final Set<InstanceRef> awaitingView = new HashSet<>();

    /**
     * @param released  told about every instance this observer stops watching, so the quorum stops counting it
     * @param suspicion told when the observer starts or stops suspecting itself, with the environments it watches then
     */
    public HealthWatch(FailureDetector detector, SelfSuspicion selfSuspicion, BiConsumer<InstanceRef, Instant> released,
                       BiConsumer<SelfSuspicion.Change, Set<String>> suspicion) {
        this.detector = detector;
        this.selfSuspicion = selfSuspicion;
        this.released = released;
        this.suspicion = suspicion;
    }

    public synchronized void environmentChanged(int partition, String environmentId, Collection<ProbeTarget> targets, Instant now) {
        environmentChanged(partition, environmentId, targets, now, now);
    }

    /**
     * @param knownSince when the environment's state was last written: its instances existed by then, so their boot
     *                   grace runs from then at the latest. A replica that (re)starts or takes over a partition
     *                   then suspects a long-dead instance at once instead of granting it a fresh boot grace.
     */
    public synchronized void environmentChanged(int partition, String environmentId, Collection<ProbeTarget> targets,
                                                Instant knownSince, Instant now) {
        Instant anchor = knownSince.isBefore(now) ? knownSince : now;
        Watchlist.Change change = watchlist.environmentChanged(partition, environmentId, targets);
        release(change, now);
        change.added().forEach(t -> watch(t, anchor));
    }

    public synchronized void environmentRemoved(String environmentId, Instant now) {
        apply(watchlist.environmentRemoved(environmentId), now);
    }

    public synchronized void partitionsReleased(Set<Integer> partitions, Instant now) {
        apply(watchlist.partitionsReleased(partitions), now);
    }

    public synchronized List<ProbeTarget> targets() {
        return watchlist.targets();
    }

    /**
     * A probe result; one that comes back after its target left the watchlist no longer counts.
     *
     * @return the votes to publish: the target's if its verdict changed, and, when the observer starts or stops
     *         abstaining, the new vote of every instance the detector suspects
     */
    public synchronized List<Observation> probed(ProbeTarget target, ProbeResult result) {
        if (!watchlist.contains(target)) {
            return List.of();
        }
        boolean abstained = selfSuspicion.abstains();
        selfSuspicion.probed(target.instance(), result.healthy(), result.at())
                .ifPresent(change -> suspicion.accept(change, watchlist.environments()));
        Map<InstanceRef, Observation> votes = new LinkedHashMap<>();
        detector.probed(target.instance(), result).ifPresent(o -> votes.put(o.instance(), vote(o)));
        if (selfSuspicion.abstains() != abstained) {
            watchlist.targets().stream()
                    .filter(t -> !votes.containsKey(t.instance()))
                    .flatMap(t -> detector.observe(t.instance(), result.at()).stream())
                    .filter(o -> o.verdict() == Verdict.SUSPECT)
                    .forEach(o -> votes.put(o.instance(), vote(o)));
        }
        List.copyOf(awaitingView).stream()
                .filter(i -> !votes.containsKey(i) && selfSuspicion.seenOthersSince(i, suspectedSince.get(i)))
                .flatMap(i -> detector.observe(i, result.at()).stream())
                .forEach(o -> votes.put(o.instance(), vote(o)));
        return List.copyOf(votes.values());
    }

    /** The current vote on every watched instance, for the periodic report. */
    public synchronized List<Observation> observeAll(Instant now) {
        return watchlist.targets().stream()
                .flatMap(t -> detector.observe(t.instance(), now).stream())
                .map(this::vote)
                .toList();
    }

    public synchronized boolean suspectsItself() {
        return selfSuspicion.suspectsItself();
    }

    /** What the observer sees of its instances, e.g. "0 of 4 watched instances unreachable". */
    public synchronized String sight() {
        return selfSuspicion.sight();
    }

    private Observation vote(Observation verdict) {
        InstanceRef instance = verdict.instance();
        awaitingView.remove(instance);
        if (verdict.verdict() != Verdict.SUSPECT) {
            suspectedSince.remove(instance);
            return verdict;
        }
        Instant since = suspectedSince.computeIfAbsent(instance, i -> verdict.at());
        if (selfSuspicion.abstains()) {
            return abstain(verdict, "abstains, as it does not trust its own view (" + selfSuspicion.sight() + ")");
        }
        if (!selfSuspicion.seenOthersSince(instance, since)) {
            awaitingView.add(instance);
            return abstain(verdict, "abstains until its probes of the other instances show its view is whole");
        }
        return verdict;
    }

    private static Observation abstain(Observation verdict, String why) {
        return new Observation(verdict.instance(), Verdict.ABSTAIN, verdict.flapping(), verdict.episodes(), verdict.phi(),
                verdict.lastHealthyAt(), verdict.consecutiveFailures(), verdict.at(), why + "; it would suspect: " + verdict.reason());
    }

    private void watch(ProbeTarget target, Instant firstSeen) {
        detector.watch(target.instance(), firstSeen);
        selfSuspicion.watch(target.instance(), firstSeen);
    }

    private void apply(Watchlist.Change change, Instant now) {
        release(change, now);
        change.added().forEach(t -> watch(t, now));
    }

    private void release(Watchlist.Change change, Instant now) {
        change.removed().forEach(t -> {
            detector.forget(t.instance());
            selfSuspicion.forget(t.instance());
            suspectedSince.remove(t.instance());
            awaitingView.remove(t.instance());
            released.accept(t.instance(), now);
        });
    }
}
