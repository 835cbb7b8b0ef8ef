package io.understudy.health.quorum;

import io.understudy.health.detection.Observation;

import java.util.Objects;

/** One observer's latest observation of one instance, as the quorum sees it. */
public record Report(String observer, Observation observation) {
    public Report {
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(observation, "observation");
    }
}
