package io.understudy.health.detection;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one observer believes about one instance at a moment: becomes one record on the observations topic.
 *
 * @param phi                 suspicion level at {@code at}; infinite for an instance that never answered past its boot grace
 * @param episodes            suspicion episodes within the flap window
 * @param lastHealthyAt       the last good probe; empty if none was ever seen
 * @param consecutiveFailures failed probes since the last good one
 */
public record Observation(InstanceRef instance, Verdict verdict, boolean flapping, int episodes, double phi,
                          Optional<Instant> lastHealthyAt, int consecutiveFailures, Instant at, String reason) {

    /**
     * UP also covers an instance still within its boot grace. ABSTAIN never comes from a detector: an observer that
     * suspects itself ({@link SelfSuspicion}) publishes its SUSPECT verdicts as ABSTAIN, a vote for neither side.
     */
    public enum Verdict { UP, SUSPECT, RECOVERING, ABSTAIN }

    public Observation {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(lastHealthyAt, "lastHealthyAt");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
    }
}
