package io.understudy.health.quorum;

import io.understudy.health.detection.InstanceRef;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One event for the health topic, with its evidence: the deciding observer's φ, last good probe and failure count,
 * the observers that agreed out of how many were required, and the zones they run in.
 *
 * @param zones    the agreeing observers' zones, where they said
 * @param repeated a failure said again because it still holds (FAILED only)
 */
public record HealthEvent(Kind kind, InstanceRef instance, Instant at, String reason, double phi,
                          Optional<Instant> lastHealthyAt, int consecutiveFailures, int episodes, String observer,
                          List<String> agreeingObservers, int quorum, List<String> zones, boolean repeated) {

    /** FLAPPING and STEADY both become {@code InstanceFlapping}, with flapping true and false. */
    public enum Kind { SUSPECTED, FAILED, RECOVERED, FLAPPING, STEADY }

    public HealthEvent {
        agreeingObservers = List.copyOf(agreeingObservers);
        zones = List.copyOf(zones);
    }
}
