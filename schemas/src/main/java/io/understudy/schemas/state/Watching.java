package io.understudy.schemas.state;

import io.understudy.contract.EnvironmentState;

/** Whether the orchestrator's state of an environment is one Understudy watches and acts on. */
public final class Watching {
    private Watching() {
    }

    /**
     * True once a registration has been checked and taken in: before that the state of a new environment has no
     * instances (its registration waits for VerifyRegistration), so nothing is probed, fenced or moved.
     */
    public static boolean watched(EnvironmentState state) {
        return state.getRegistrationCheck() == null && !state.getInstances().isEmpty();
    }
}
