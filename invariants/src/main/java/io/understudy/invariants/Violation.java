package io.understudy.invariants;

import java.time.Instant;

/** A promise broken: when (and in which of the run's samples, counting from 1), where, what, and what was seen. */
public record Violation(Instant at, long sampleNumber, String environmentId, String description, Sample sample) {
    @Override
    public String toString() {
        return "in " + environmentId + " at " + at + " (sample " + sampleNumber + "): " + description + " (seen: " + sample + ")";
    }
}
