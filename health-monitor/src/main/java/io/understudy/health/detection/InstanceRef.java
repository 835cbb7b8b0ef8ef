package io.understudy.health.detection;

import java.util.Objects;

/** One app instance of one environment: what a detector keeps track of. */
public record InstanceRef(String environmentId, String instanceId) {
    public InstanceRef {
        Objects.requireNonNull(environmentId, "environmentId");
        Objects.requireNonNull(instanceId, "instanceId");
    }
}
