package io.understudy.health.quorum;

import io.understudy.health.detection.Observation;

import java.util.Objects;

/**
 * One observer's latest observation of one instance, as the quorum sees it.
 *
 * @param zone the availability zone the observer runs in; empty when unknown
 */
public record Report(String observer, String zone, Observation observation) {
    public Report {
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(observation, "observation");
    }

    /** A report of an observer whose zone is unknown. */
    public Report(String observer, Observation observation) {
        this(observer, "", observation);
    }
}
