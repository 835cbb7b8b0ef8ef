package io.understudy.health.detection;

import io.understudy.health.detection.Observation.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One observer's φ-accrual detector per instance, with evidence, hysteresis and flap damping:
 * <ul>
 * <li>an instance is suspected when φ reaches the threshold <em>and</em> its latest probe failed, so a pause of
 *     the observer itself (late judging, no fresh failure) never turns into a suspicion;</li>
 * <li>a suspected instance that answers again is RECOVERING, and UP only after answering for the stable period;</li>
 * <li>each suspicion is an episode; enough episodes within the flap window make it flapping, until a whole window
 *     passes without one;</li>
 * <li>an instance that never answered is not suspected before its boot grace has passed since it was first seen:
 *     replacements boot slowly.</li>
 * </ul>
 * The gap that ends a suspicion is not learnt: an outage says nothing about the instance's healthy rhythm.
 */
public final class PhiAccrualDetector implements FailureDetector {
    private final DetectorSettings settings;
    private final Map<InstanceRef, Track> tracks = new HashMap<>();

    public PhiAccrualDetector(DetectorSettings settings) {
        this.settings = settings;
    }

    @Override
    public void watch(InstanceRef instance, Instant firstSeen) {
        tracks.computeIfAbsent(instance, i -> new Track(firstSeen, new PhiAccrual(settings.window(),
                settings.minStdDev(), settings.acceptablePause(), settings.probeInterval())));
    }

    @Override
    public void forget(InstanceRef instance) {
        tracks.remove(instance);
    }

    @Override
    public Optional<Observation> probed(InstanceRef instance, ProbeResult result) {
        Track track = tracks.get(instance);
        if (track == null) {
            return Optional.empty();
        }
        Verdict verdictBefore = track.verdict;
        boolean flappingBefore = track.flapping;
        String reason = result.healthy() ? healthy(track, result.at()) : failed(track, result);
        if (track.verdict == verdictBefore && track.flapping == flappingBefore) {
            return Optional.empty();
        }
        return Optional.of(observation(instance, track, result.at(), reason));
    }

    @Override
    public Optional<Observation> observe(InstanceRef instance, Instant now) {
        Track track = tracks.get(instance);
        return track == null ? Optional.empty() : Optional.of(observation(instance, track, now, track.reason));
    }

    private String healthy(Track track, Instant at) {
        if (track.lastHealthyAt != null && track.verdict != Verdict.SUSPECT) {
            track.gaps.add(Duration.between(track.lastHealthyAt, at));
        }
        track.lastHealthyAt = at;
        track.consecutiveFailures = 0;
        forgetOldEpisodes(track, at);
        if (track.verdict == Verdict.SUSPECT) {
            track.verdict = Verdict.RECOVERING;
            track.recoveringSince = at;
            return track.reason = "answering again since " + at;
        }
        if (track.verdict == Verdict.RECOVERING) {
            if (track.recoveringSince == null) {
                track.recoveringSince = at;
            } else if (!at.isBefore(track.recoveringSince.plus(settings.stablePeriod()))) {
                track.verdict = Verdict.UP;
                track.reason = "stable for " + readable(settings.stablePeriod());
            }
        }
        if (track.flapping && track.episodes.isEmpty() && track.verdict == Verdict.UP) {
            track.flapping = false;
            track.reason = "no suspicion for " + readable(settings.flapWindow());
        }
        return track.reason;
    }

    private String failed(Track track, ProbeResult result) {
        track.consecutiveFailures++;
        track.recoveringSince = null;
        if (track.verdict == Verdict.SUSPECT) {
            return track.reason;
        }
        String because = suspicion(track, result);
        if (because == null) {
            return track.reason;
        }
        track.verdict = Verdict.SUSPECT;
        forgetOldEpisodes(track, result.at());
        track.episodes.addLast(result.at());
        if (track.episodes.size() >= settings.flapEpisodes()) {
            track.flapping = true;
            because += "; " + track.episodes.size() + " suspicions within " + readable(settings.flapWindow()) + ": flapping";
        }
        return track.reason = because;
    }

    /** @return why the instance is now suspected, or null if it is not */
    private String suspicion(Track track, ProbeResult result) {
        if (track.lastHealthyAt == null) {
            if (result.at().isBefore(track.firstSeen.plus(settings.bootGrace()))) {
                return null;
            }
            return "never answered healthy within the " + readable(settings.bootGrace()) + " boot grace; "
                    + failedProbes(track.consecutiveFailures) + ": " + result.detail();
        }
        double phi = track.gaps.phi(Duration.between(track.lastHealthyAt, result.at()));
        if (phi < settings.threshold()) {
            return null;
        }
        return String.format("phi %.1f >= %.1f, %s since the last good probe, %s: %s", phi, settings.threshold(),
                readable(Duration.between(track.lastHealthyAt, result.at())), failedProbes(track.consecutiveFailures),
                result.detail());
    }

    private void forgetOldEpisodes(Track track, Instant now) {
        Instant horizon = now.minus(settings.flapWindow());
        while (!track.episodes.isEmpty() && !track.episodes.peekFirst().isAfter(horizon)) {
            track.episodes.removeFirst();
        }
    }

    private Observation observation(InstanceRef instance, Track track, Instant at, String reason) {
        return new Observation(instance, track.verdict, track.flapping, track.episodes.size(), phi(track, at),
                Optional.ofNullable(track.lastHealthyAt), track.consecutiveFailures, at, reason);
    }

    private double phi(Track track, Instant at) {
        if (track.lastHealthyAt == null) {
            return track.verdict == Verdict.SUSPECT ? Double.POSITIVE_INFINITY : 0;
        }
        return track.gaps.phi(Duration.between(track.lastHealthyAt, at));
    }

    static String readable(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1_000 == 0 ? millis / 1_000 + "s" : millis + "ms";
    }

    private static String failedProbes(int count) {
        return count == 1 ? "1 failed probe" : count + " consecutive failed probes";
    }

    private static final class Track {
        final Instant firstSeen;
        final PhiAccrual gaps;
        final Deque<Instant> episodes = new ArrayDeque<>();
        Instant lastHealthyAt;
        Instant recoveringSince;
        int consecutiveFailures;
        Verdict verdict = Verdict.UP;
        boolean flapping;
        String reason = "watching";

        Track(Instant firstSeen, PhiAccrual gaps) {
            this.firstSeen = firstSeen;
            this.gaps = gaps;
        }
    }
}
