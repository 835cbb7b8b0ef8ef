package io.understudy.invariants;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One environment at one instant: every instance EC2 lists under its environment tag, and the instance its
 * Elastic IP is associated with (null when none).
 */
public record Sample(String environmentId, Instant at, List<SampledInstance> instances, String addressHolder) {
    public Sample {
        instances = List.copyOf(instances);
    }

    @Override
    public String toString() {
        return environmentId + " at " + at + ": " + (instances.isEmpty() ? "no instances"
                : instances.stream().map(SampledInstance::describe).collect(Collectors.joining(", ")))
                + "; Elastic IP on " + (addressHolder == null ? "no instance" : addressHolder);
    }
}
