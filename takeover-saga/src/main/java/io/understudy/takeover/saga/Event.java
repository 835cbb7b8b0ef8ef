package io.understudy.takeover.saga;

import java.time.Instant;
import java.util.Map;

/**
 * The public story of a takeover, told as it happens.
 *
 * <p>Every event is handled through {@link Visitor}, which has one method per event and no defaults: a new event
 * must implement {@link #accept}, that needs a new visitor method, and then every visitor (the Avro mapping to the
 * public takeover events among them) fails to compile until it handles the new event.
 */
public sealed interface Event {

    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R visit(TakeoverStarted event);

        R visit(StepStarted event);

        R visit(StepSucceeded event);

        R visit(StepFailed event);

        R visit(StepCompensated event);

        R visit(StepSkipped event);

        R visit(TakeoverCompleted event);

        R visit(TakeoverFailed event);

        R visit(EnvironmentPaused event);

        R visit(EnvironmentResumed event);

        R visit(RegistrationRefused event);

        R visit(CapacityDegraded event);
    }

    Meta meta();

    record TakeoverStarted(Meta meta, Takeover.Kind kind, String failedInstanceId, String candidateInstanceId,
                           String reason) implements Event {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record StepStarted(Meta meta, String step, int attempt, String commandId) implements Event {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record StepSucceeded(Meta meta, String step, int attempt, String commandId, Instant startedAt,
                         Map<String, String> outputs) implements Event {
        public StepSucceeded {
            outputs = Map.copyOf(outputs);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** {@code retriable}: whether the step will be tried again. */
    record StepFailed(Meta meta, String step, int attempt, String commandId, Instant startedAt, String reason,
                      boolean retriable) implements Event {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** A step done for a candidate has been undone by {@code commandId}, sent at {@code startedAt}. */
    record StepCompensated(Meta meta, String step, String commandId, Instant startedAt) implements Event {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** The step will not run (or not again): what it was for changed. */
    record StepSkipped(Meta meta, String step, String reason) implements Event {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record TakeoverCompleted(Meta meta, Takeover.Kind kind, Instant startedAt, String newMasterInstanceId,
                             String replacementInstanceId) implements Event {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record TakeoverFailed(Meta meta, Takeover.Kind kind, Instant startedAt, String reason) implements Event {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Understudy stopped acting on the environment; {@code by}: the operator, or understudy itself. */
    record EnvironmentPaused(Meta meta, String reason, String by) implements Event {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record EnvironmentResumed(Meta meta, String reason, String by, java.time.Duration pausedFor) implements Event {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** A registration was not taken in; the environment stays as it was. {@code by}: who registered. */
    record RegistrationRefused(Meta meta, String reason, String by) implements Event {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record CapacityDegraded(Meta meta, int requiredAppInstances, int runningAppInstances) implements Event {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }
}
