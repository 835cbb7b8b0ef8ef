package io.understudy.health;

import io.micronaut.runtime.Micronaut;

/** Probes the app instances of the environments it is assigned and reports failures on the health topic. */
public final class HealthMonitorApplication {
    private HealthMonitorApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(HealthMonitorApplication.class, args);
    }
}
