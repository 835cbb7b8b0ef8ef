package io.understudy.health.quorum;

import io.understudy.health.detection.InstanceRef;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One event for the health topic, with its evidence: the deciding observer's φ, last good probe and failure count,
 * and the observers that agreed out of how many were required.
 */
public record HealthEvent(Kind kind, InstanceRef instance, Instant at, String reason, double phi,
                          Optional<Instant> lastHealthyAt, int consecutiveFailures, int episodes, String observer,
                          List<String> agreeingObservers, int quorum) {

    /** FLAPPING and STEADY both become {@code InstanceFlapping}, with flapping true and false. */
    public enum Kind { SUSPECTED, FAILED, RECOVERED, FLAPPING, STEADY }

    public HealthEvent {
        agreeingObservers = List.copyOf(agreeingObservers);
    }
}
