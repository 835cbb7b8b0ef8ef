package io.understudy.health.detection;

import java.time.Instant;
import java.util.Optional;

/**
 * Turns one observer's probe results into its verdicts. Pure and single-threaded: time comes in with the calls,
 * so a simulated clock drives it in tests and in the benchmark. No I/O.
 */
public interface FailureDetector {

    /** Starts tracking an instance; {@code firstSeen} anchors its boot grace. Watching twice changes nothing. */
    void watch(InstanceRef instance, Instant firstSeen);

    /** Stops tracking an instance and drops its history. */
    void forget(InstanceRef instance);

    /** Records one probe of a watched instance; returns the new observation if the verdict or flapping changed. */
    Optional<Observation> probed(InstanceRef instance, ProbeResult result);

    /** The current belief about a watched instance, for the periodic report; empty if it is not watched. */
    Optional<Observation> observe(InstanceRef instance, Instant now);
}
