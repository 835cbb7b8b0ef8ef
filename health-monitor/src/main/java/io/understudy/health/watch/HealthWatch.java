package io.understudy.health.watch;

import io.understudy.health.detection.FailureDetector;
import io.understudy.health.detection.InstanceRef;
import io.understudy.health.detection.Observation;
import io.understudy.health.detection.ProbeResult;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The watchlist and the failure detector behind one lock: topology updates arrive on the consumer's
 * thread, probe results on the prober's and reports on the reporter's, and the detector must see each
 * instance's history in order. Pure: time comes in with every call.
 */
public final class HealthWatch {
    private final Watchlist watchlist = new Watchlist();
    private final FailureDetector detector;
    private final BiConsumer<InstanceRef, Instant> released;

    /** @param released told about every instance this observer stops watching, so the quorum stops counting it */
    public HealthWatch(FailureDetector detector, BiConsumer<InstanceRef, Instant> released) {
        this.detector = detector;
        this.released = released;
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
        change.added().forEach(t -> detector.watch(t.instance(), anchor));
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

    /** A probe result; one that comes back after its target left the watchlist no longer counts. */
    public synchronized Optional<Observation> probed(ProbeTarget target, ProbeResult result) {
        if (!watchlist.contains(target)) {
            return Optional.empty();
        }
        return detector.probed(target.instance(), result);
    }

    /** The current observation of every watched instance, for the periodic report. */
    public synchronized List<Observation> observeAll(Instant now) {
        return watchlist.targets().stream()
                .flatMap(t -> detector.observe(t.instance(), now).stream())
                .toList();
    }

    private void apply(Watchlist.Change change, Instant now) {
        release(change, now);
        change.added().forEach(t -> detector.watch(t.instance(), now));
    }

    private void release(Watchlist.Change change, Instant now) {
        change.removed().forEach(t -> {
            detector.forget(t.instance());
            released.accept(t.instance(), now);
        });
    }
}
