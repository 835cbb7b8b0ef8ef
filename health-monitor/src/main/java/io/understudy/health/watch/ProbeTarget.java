package io.understudy.health.watch;

import io.understudy.health.detection.InstanceRef;

import java.util.Objects;

/** An instance to probe and the private address its health endpoint listens on. */
public record ProbeTarget(InstanceRef instance, String privateAddress) {
    public ProbeTarget {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(privateAddress, "privateAddress");
    }
}
