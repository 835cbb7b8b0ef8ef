package io.understudy.volume;

import io.micronaut.runtime.Micronaut;

/** volume-manager: carries the failed master's /data over to the candidate through a snapshot. */
public final class VolumeManagerApplication {
    private VolumeManagerApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(VolumeManagerApplication.class, args);
    }
}
