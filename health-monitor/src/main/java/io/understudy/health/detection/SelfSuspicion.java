package io.understudy.health.detection;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An observer that loses sight of most of what it watches at once suspects itself: when, of the instances it
 * watches over every environment (at least {@code minWatched}, booting ones aside), more than {@code fraction} are
 * unreachable, the likelier fault is its own network, and its suspicions are votes for a failure that is not there.
 * While it suspects itself it abstains: it keeps reporting (so it stays a live observer and the quorum's k stays where
 * it was) but casts no SUSPECT vote. Pure; time comes in with every probe.
 * <p>
 * Judged on the latest probe of each instance, not on the detector's verdicts: a network cut fails every probe within
 * the same few hundred milliseconds, long before φ crosses its threshold for the first instance, so the observer knows
 * it is cut off before it would cast its first SUSPECT vote of the episode. An instance that never answered counts
 * neither way while it is within its boot grace (it is expected not to answer yet, and the detector does not suspect
 * it), and as unreachable once the grace has passed, when the detector would suspect it at its first failed probe:
 * an observer started inside a cut has seen nothing answer. One not probed yet counts against the observer: until
 * the first round has come back it abstains if the unknown could tip the balance.
 * <p>
 * It stops suspecting itself once it has seen most of them again (at most {@code fraction} unreachable) for the
 * {@code settle} period without a relapse: probes sent during the cut are still coming back as failures for a probe
 * timeout after it heals, and taken at face value they would be SUSPECT votes against instances that are fine.
 * <p>
 * The trade-off: an observer watching one small environment that really loses most of it at once (two of three
 * instances in a dying zone) abstains instead of declaring those failures. Several observers in several zones are the
 * answer: their views differ, and the ones that still see most of what they watch keep voting.
 */
public final class SelfSuspicion {
    private final double fraction;
    private final int minWatched;
    private final Duration settle;
    private final Duration bootGrace;
    private final Map<InstanceRef, Track> tracks = new HashMap<>();
    private boolean suspected;
    private Instant seenAgainSince;

    /** BOOTING: never answered, and still within its boot grace. */
    private enum Sight { UNPROBED, REACHED, UNREACHABLE, BOOTING }

    private static final class Track {
        final Instant firstSeen;
        boolean answered;
        Sight sight = Sight.UNPROBED;
        Instant lastResult;

        Track(Instant firstSeen) {
            this.firstSeen = firstSeen;
        }
    }

    /** The observer starts (suspectsItself) or stops suspecting itself. */
    public record Change(boolean suspectsItself, int watched, int unreachable, Instant at, String reason) {
    }

    /**
     * @param fraction   more than this share of the watched instances unreachable at once: self-suspicion; 1 never
     * @param minWatched fewer watched instances than this say too little about the observer to suspect itself
     * @param settle     how long it must see most of them again before it votes again
     * @param bootGrace  the detector's: how long an instance that never answered is expected not to
     */
    public SelfSuspicion(double fraction, int minWatched, Duration settle, Duration bootGrace) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("understudy.health.self-suspicion.fraction must be in (0, 1], was " + fraction);
        }
        if (minWatched < 1) {
            throw new IllegalArgumentException("understudy.health.self-suspicion.min-watched must be at least 1, was " + minWatched);
        }
        if (settle.isNegative() || bootGrace.isNegative()) {
            throw new IllegalArgumentException("the self-suspicion settle period and boot grace must not be negative, were "
                    + settle + " and " + bootGrace);
        }
        this.fraction = fraction;
        this.minWatched = minWatched;
        this.settle = settle;
        this.bootGrace = bootGrace;
    }

    /**
     * Starts counting an instance, unprobed until its first result. Watching twice changes nothing.
     *
     * @param firstSeen anchors its boot grace, as for the detector
     */
    public void watch(InstanceRef instance, Instant firstSeen) {
        tracks.putIfAbsent(instance, new Track(firstSeen));
    }

    public void forget(InstanceRef instance) {
        tracks.remove(instance);
    }

    /** The latest probe of a watched instance; returns the change if the observer starts or stops suspecting itself. */
    public Optional<Change> probed(InstanceRef instance, boolean reached, Instant at) {
        Track track = tracks.get(instance);
        if (track == null) {
            return Optional.empty();
        }
        track.answered |= reached;
        track.lastResult = at;
        track.sight = reached ? Sight.REACHED
                : track.answered || !at.isBefore(track.firstSeen.plus(bootGrace)) ? Sight.UNREACHABLE : Sight.BOOTING;
        boolean lost = tooMany(count(Sight.UNREACHABLE));
        if (lost) {
            seenAgainSince = null;
            if (!suspected) {
                suspected = true;
                return Optional.of(change(at));
            }
            return Optional.empty();
        }
        if (suspected) {
            seenAgainSince = seenAgainSince == null ? at : seenAgainSince;
            if (!at.isBefore(seenAgainSince.plus(settle))) {
                suspected = false;
                seenAgainSince = null;
                return Optional.of(change(at));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether every other instance that counts has a probe result from after {@code since}: the observer's view of
     * the rest is newer than a suspicion that arose then. A cut that began around that moment shows in such a view,
     * one that is older may still show the rest answering, so a vote cast on it could be the cut's first symptom.
     */
    public boolean seenOthersSince(InstanceRef instance, Instant since) {
        return tracks.entrySet().stream()
                .filter(e -> !e.getKey().equals(instance) && e.getValue().sight != Sight.BOOTING)
                .allMatch(e -> e.getValue().lastResult != null && e.getValue().lastResult.isAfter(since));
    }

    public boolean suspectsItself() {
        return suspected;
    }

    /** SUSPECT votes are withheld while it suspects itself, and while unprobed instances could still make it. */
    public boolean abstains() {
        return suspected || tooMany(count(Sight.UNREACHABLE) + count(Sight.UNPROBED));
    }

    public int watched() {
        return tracks.size();
    }

    public int unreachable() {
        return count(Sight.UNREACHABLE);
    }

    /** What it sees, for logs and reasons: "5 of 6 watched instances unreachable". */
    public String sight() {
        int unprobed = count(Sight.UNPROBED);
        int booting = count(Sight.BOOTING);
        return unreachable() + " of " + watched() + " watched instances unreachable"
                + (booting == 0 ? "" : ", " + booting + " booting (not counted)")
                + (unprobed == 0 ? "" : ", " + unprobed + " not probed yet");
    }

    /** Of the instances that count (all but those booting), more than the fraction. */
    private boolean tooMany(int unreachable) {
        int counted = tracks.size() - count(Sight.BOOTING);
        return counted >= minWatched && unreachable > fraction * counted;
    }

    private int count(Sight sight) {
        return (int) tracks.values().stream().filter(t -> t.sight == sight).count();
    }

    private Change change(Instant at) {
        String share = Math.round(fraction * 100) + "%";
        String reason = suspected
                ? "lost sight of " + unreachable() + " of " + watched() + " watched instances at once (more than " + share
                + (count(Sight.BOOTING) == 0 ? "" : " of the " + (watched() - count(Sight.BOOTING)) + " not booting")
                + "): the likelier fault is this observer's own network, so it casts no failure votes"
                : "sees most of its instances again: " + sight() + " (at most " + share + ") for " + settle.toMillis() + "ms";
        return new Change(suspected, watched(), unreachable(), at, reason);
    }
}
