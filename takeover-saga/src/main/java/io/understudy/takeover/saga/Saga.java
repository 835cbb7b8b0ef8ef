package io.understudy.takeover.saga;

import java.time.Instant;
import java.util.Optional;

/**
 * The takeover saga: {@code decide(state, input) -> (new state, commands, events)}. Pure and deterministic (no
 * clock, no I/O, no randomness), so it is tested exhaustively and the same function replays the log for audits.
 *
 * <p>Every input is taken in first (a failure recorded, a result put on its step, time passing), then every failure
 * that needs a takeover gets one ({@link Reconciliation}), then every takeover in flight moves on as far as it can
 * ({@link Progression}), and whatever that ended is acted on in turn.
 */
public final class Saga {
    private Saga() {
    }

    /** {@code state} is null for an environment never registered. */
    public static Decision decide(Environment state, Input input) {
        if (input instanceof Input.EnvironmentRegistered registered) {
            return settled(state, Registrations.onRegistered(state, registered), input.at());
        }
        if (state == null) {
            return Decision.nothing(null);
        }
        Reaction reaction = new Reaction(input, state);
        takeIn(reaction, input);
        Optional<Input.InstanceFailed> failure = input instanceof Input.InstanceFailed f ? Optional.of(f) : Optional.empty();
        Reconciliation.actOnFailures(reaction, failure);
        Progression.advanceAll(reaction);
        Reconciliation.actOnFailures(reaction, Optional.empty());
        return settled(state, reaction.decision(), input.at());
    }

    private static void takeIn(Reaction reaction, Input input) {
        if (input instanceof Input.InstanceFailed failure) {
            Failures.onFailure(reaction, failure);
        } else if (input instanceof Input.PlannedTakeover planned) {
            TakeoverStart.onPlanned(reaction, planned);
        } else if (input instanceof Input.CommandResult result && Registrations.answers(reaction.environment(), result)) {
            Registrations.onResult(reaction, result);
        } else if (input instanceof Input.CommandResult result) {
            StepResults.onResult(reaction, result);
        } else if (input instanceof Input.FlappingChanged flapping) {
            reaction.update(reaction.environment().withFlapping(flapping.instanceId(), flapping.flapping()));
        } else if (input instanceof Input.PauseChanged change) {
            reaction.focus(reaction.environment().takeovers().stream().findFirst().map(Takeover::id).orElse(null));
            Pausing.onChange(reaction, change);
        } else if (input instanceof Input.Tick tick) {
            Registrations.onTick(reaction, tick);
            Timers.onTick(reaction, tick);
        } else if (input instanceof Input.HealthNotice notice && RECOVERED.equals(notice.what())) {
            Failures.onRecovery(reaction, notice);
        }
        // a suspicion changes nothing: only a declared failure or a planned takeover acts
    }

    /** The {@code what} of a recovery notice. */
    public static final String RECOVERED = "InstanceRecovered";

    private static Decision settled(Environment state, Decision decision, Instant at) {
        Environment next = decision.state();
        if (next == null || (state != null && unversioned(next).equals(unversioned(state)))) {
            return new Decision(state, decision.commands(), decision.events());
        }
        return new Decision(next.revisedAt(state == null ? 0 : state.revision(), at), decision.commands(), decision.events());
    }

    private static Environment unversioned(Environment environment) {
        return environment.revisedAt(-1, Instant.EPOCH);
    }
}
