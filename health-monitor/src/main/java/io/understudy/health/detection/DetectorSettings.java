package io.understudy.health.detection;

import java.time.Duration;

/**
 * How one observer judges an instance. The defaults (see {@link #defaults(Duration)}) detect a crash within about
 * 0.8 s at 100 ms probes and tolerate 20 ms of jitter and pauses up to 300 ms without a false suspicion; the
 * benchmark {@code DetectionBenchmark} (a plain main in src/test/java) measures both.
 *
 * @param probeInterval   time between two probes of an instance; seeds the gap statistics
 * @param threshold       φ at which the observer suspects the instance (8: about one false suspicion in 10^8 gaps
 *                        if the gaps were normal)
 * @param minStdDev       floor of the gaps' standard deviation
 * @param acceptablePause a pause of the instance (or of the network) this long costs nothing: added to the mean gap
 * @param window          gaps between good probes kept for the statistics
 * @param bootGrace       an instance that never answered is not suspected before this has passed since it was first seen
 * @param stablePeriod    hysteresis: a suspected instance counts as up again only after answering this long without fail
 * @param flapWindow      suspicion episodes are counted over this window
 * @param flapEpisodes    this many episodes within the window make the instance flapping, until a window passes without one
 */
public record DetectorSettings(Duration probeInterval, double threshold, Duration minStdDev, Duration acceptablePause,
                               int window, Duration bootGrace, Duration stablePeriod, Duration flapWindow,
                               int flapEpisodes) {

    public static DetectorSettings defaults(Duration probeInterval) {
        return new DetectorSettings(probeInterval, 8.0, Duration.ofMillis(50), Duration.ofMillis(300), 200,
                Duration.ofMinutes(10), Duration.ofSeconds(10), Duration.ofMinutes(5), 3);
    }

    public DetectorSettings {
        positive("probe interval", probeInterval);
        positive("minimum standard deviation", minStdDev);
        positive("stable period", stablePeriod);
        positive("flap window", flapWindow);
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("phi threshold must be a positive number, was " + threshold);
        }
        if (acceptablePause.isNegative() || bootGrace.isNegative()) {
            throw new IllegalArgumentException("acceptable pause and boot grace must not be negative, were "
                    + acceptablePause + " and " + bootGrace);
        }
        if (window < 2) {
            throw new IllegalArgumentException("phi window must hold at least 2 gaps, was " + window);
        }
        if (flapEpisodes < 2) {
            throw new IllegalArgumentException("flap episodes must be at least 2 (one episode is a failure, not a flap), was " + flapEpisodes);
        }
    }

    private static void positive(String what, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
    }
}
