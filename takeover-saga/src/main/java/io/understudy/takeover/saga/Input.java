package io.understudy.takeover.saga;

import io.understudy.schemas.outcome.Outputs;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.util.Map;

/**
 * What the saga reacts to. Every input brings its own time: the saga never reads a clock.
 *
 * <p>Every input is handled through {@link Visitor}, which has one method per input and no defaults: a new input
 * must implement {@link #accept}, that needs a new visitor method, and then the saga fails to compile until it says
 * how it reacts to the new input.
 */
public sealed interface Input {

    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R visit(EnvironmentRegistered input);

        R visit(InstanceFailed input);

        R visit(PlannedTakeover input);

        R visit(HealthNotice input);

        R visit(CommandResult input);

        R visit(FlappingChanged input);

        R visit(PauseChanged input);

        R visit(Tick input);
    }

    /** Id of the record that brought this input; what the saga's reactions name as their cause. */
    String eventId();

    Instant at();

    /** The operator declared (or re-declared) the environment's topology; {@code by} is who asked. */
    record EnvironmentRegistered(String eventId, Instant at, Environment topology, String by) implements Input {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** The health monitor declared an instance failed. */
    record InstanceFailed(String eventId, Instant at, String instanceId, String reason) implements Input {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /**
     * Hand the master's role over on purpose (an operator's command, or an impending failure such as a scheduled
     * retirement): the master is stopped gracefully. {@code toInstance} is null when the saga chooses the candidate.
     */
    record PlannedTakeover(String eventId, Instant at, String instanceId, String toInstance, String reason)
            implements Input {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Suspicion or recovery: accepted, and not acted upon. */
    record HealthNotice(String eventId, Instant at, String instanceId, String what) implements Input {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /**
     * An executing service's answer to one of our commands; {@code command} names its type (RunInstance...).
     * {@code output} is a success's typed output (a record of the contract's CommandOutput), null when there is
     * none; {@code outputs} is its map rendering, or a failure's details. A result that carries the typed output
     * without its rendering gets it here, so that people, subscribers and the saga's own look-ups read one map.
     */
    record CommandResult(String eventId, Instant at, String commandId, String command, boolean succeeded, boolean retriable,
                         String error, Map<String, String> outputs, SpecificRecord output) implements Input {
        public CommandResult {
            outputs = outputs.isEmpty() && output != null ? Outputs.render(output) : Map.copyOf(outputs);
        }

        /** A result without a typed output, as services older than it answer. */
        public CommandResult(String eventId, Instant at, String commandId, String command, boolean succeeded,
                             boolean retriable, String error, Map<String, String> outputs) {
            this(eventId, at, commandId, command, succeeded, retriable, error, outputs, null);
        }

        CommandResult withOutput(SpecificRecord typed) {
            return new CommandResult(eventId, at, commandId, command, succeeded, retriable, error, outputs, typed);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** The health monitor says an instance flaps (keeps failing and coming back), or has been stable again. */
    record FlappingChanged(String eventId, Instant at, String instanceId, boolean flapping) implements Input {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** An operator pauses the environment ({@code paused}) or resumes it; {@code by} is who asked. */
    record PauseChanged(String eventId, Instant at, boolean paused, String reason, String by) implements Input {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Wall-clock time passing, for timeouts. */
    record Tick(Instant at) implements Input {
        @Override
        public String eventId() {
            return "tick@" + at.toEpochMilli();
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }
}
