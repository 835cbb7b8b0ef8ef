package io.understudy.takeover.saga;

import java.time.Instant;

/**
 * The takeover saga: {@code decide(state, input) -> (new state, commands, events)}. Pure and deterministic (no
 * clock, no I/O, no randomness), so it is tested exhaustively and the same function replays the log for audits.
 */
public final class Saga {
    private Saga() {
    }

    /** {@code state} is null for an environment never registered. */
    public static Decision decide(Environment state, Input input) {
        Decision decision = react(state, input);
        Environment next = decision.state();
        if (next == null || (state != null && unversioned(next).equals(unversioned(state)))) {
            return new Decision(state, decision.commands(), decision.events());
        }
        return new Decision(next.revisedAt(state == null ? 0 : state.revision(), input.at()),
                decision.commands(), decision.events());
    }

    private static Decision react(Environment state, Input input) {
        if (input instanceof Input.EnvironmentRegistered registered) {
            return register(state, registered);
        }
        if (state == null) {
            return Decision.nothing(null);
        }
        if (input instanceof Input.InstanceFailed failure) {
            return CandidateLoss.concerns(state, failure) ? CandidateLoss.onFailure(state, failure)
                    : TakeoverStart.onFailure(state, failure);
        }
        if (input instanceof Input.PlannedTakeover planned) {
            return TakeoverStart.onPlanned(state, planned);
        }
        if (input instanceof Input.CommandResult result) {
            return StepResults.onResult(state, result);
        }
        if (input instanceof Input.FlappingChanged flapping) {
            return Decision.nothing(state.withFlapping(flapping.instanceId(), flapping.flapping()));
        }
        if (input instanceof Input.Tick tick) {
            return Timers.onTick(state, tick);
        }
        // Suspicions and recoveries change nothing: only a declared failure or a planned takeover acts.
        return Decision.nothing(state);
    }

    /**
     * A new topology replaces the old one, except while a takeover is in flight: the saga's steps were built
     * against the old one, so the operator registers again once the takeover has ended.
     */
    private static Decision register(Environment state, Input.EnvironmentRegistered registered) {
        if (state != null && state.takeover() != null) {
            return Decision.nothing(state);
        }
        return Decision.nothing(registered.topology().withTakeover(null));
    }

    private static Environment unversioned(Environment environment) {
        return environment.revisedAt(-1, Instant.EPOCH);
    }
}
