package io.understudy.takeover;

import io.micronaut.runtime.Micronaut;

/** Runs the takeover saga: health events and command results in, commands and public takeover events out. */
public final class TakeoverOrchestratorApplication {
    private TakeoverOrchestratorApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(TakeoverOrchestratorApplication.class, args);
    }
}
