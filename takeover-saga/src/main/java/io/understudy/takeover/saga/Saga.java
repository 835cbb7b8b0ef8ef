package io.understudy.takeover.saga;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

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
        return settled(state, input.accept(new Reacting(state, input)), input.at());
    }

    /**
     * What each input does: a registration may begin an environment; any other input is taken in, and then failures
     * and takeovers move on. A visitor, so a new kind of input does not compile until it is given a reaction here.
     */
    private record Reacting(Environment state, Input input) implements Input.Visitor<Decision> {
        @Override
        public Decision visit(Input.EnvironmentRegistered registered) {
            return Registrations.onRegistered(state, registered);
        }

        @Override
        public Decision visit(Input.InstanceFailed failure) {
            return react(reaction -> Failures.onFailure(reaction, failure), Optional.of(failure));
        }

        @Override
        public Decision visit(Input.PlannedTakeover planned) {
            return react(reaction -> TakeoverStart.onPlanned(reaction, planned));
        }

        /** A suspicion changes nothing: only a declared failure or a planned takeover acts. */
        @Override
        public Decision visit(Input.HealthNotice notice) {
            return react(reaction -> {
                if (RECOVERED.equals(notice.what())) {
                    Failures.onRecovery(reaction, notice);
                }
            });
        }

        @Override
        public Decision visit(Input.CommandResult result) {
            return react(reaction -> {
                if (Registrations.answers(reaction.environment(), result)) {
                    Registrations.onResult(reaction, result);
                } else {
                    StepResults.onResult(reaction, result);
                }
            });
        }

        @Override
        public Decision visit(Input.FlappingChanged flapping) {
            return react(reaction -> reaction.update(
                    reaction.environment().withFlapping(flapping.instanceId(), flapping.flapping())));
        }

        @Override
        public Decision visit(Input.PauseChanged change) {
            return react(reaction -> {
                reaction.focus(reaction.environment().takeovers().stream().findFirst().map(Takeover::id).orElse(null));
                Pausing.onChange(reaction, change);
            });
        }

        @Override
        public Decision visit(Input.Tick tick) {
            return react(reaction -> {
                Registrations.onTick(reaction, tick);
                Timers.onTick(reaction, tick);
            });
        }

        private Decision react(Consumer<Reaction> takeIn) {
            return react(takeIn, Optional.empty());
        }

        /** {@code failure}: the failure this input declares, which is acted on before any other. */
        private Decision react(Consumer<Reaction> takeIn, Optional<Input.InstanceFailed> failure) {
            if (state == null) {
                return Decision.nothing(null);
            }
            Reaction reaction = new Reaction(input, state);
            takeIn.accept(reaction);
            Reconciliation.actOnFailures(reaction, failure);
            Progression.advanceAll(reaction);
            Reconciliation.actOnFailures(reaction, Optional.empty());
            return reaction.decision();
        }
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
