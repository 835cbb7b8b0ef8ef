package io.understudy.takeover.saga;

import java.time.Instant;
import java.util.Map;

/** The public story of a takeover, told as it happens. */
public sealed interface Event {

    Meta meta();

    record TakeoverStarted(Meta meta, Takeover.Kind kind, String failedInstanceId, String candidateInstanceId,
                           String reason) implements Event {
    }

    record StepStarted(Meta meta, String step, int attempt, String commandId) implements Event {
    }

    record StepSucceeded(Meta meta, String step, int attempt, String commandId, Instant startedAt,
                         Map<String, String> outputs) implements Event {
        public StepSucceeded {
            outputs = Map.copyOf(outputs);
        }
    }

    /** {@code retriable}: whether the step will be tried again. */
    record StepFailed(Meta meta, String step, int attempt, String commandId, Instant startedAt, String reason,
                      boolean retriable) implements Event {
    }

    /** A step done for a candidate has been undone by {@code commandId}, sent at {@code startedAt}. */
    record StepCompensated(Meta meta, String step, String commandId, Instant startedAt) implements Event {
    }

    /** The step will not run (or not again): what it was for changed. */
    record StepSkipped(Meta meta, String step, String reason) implements Event {
    }

    record TakeoverCompleted(Meta meta, Takeover.Kind kind, Instant startedAt, String newMasterInstanceId,
                             String replacementInstanceId) implements Event {
    }

    record TakeoverFailed(Meta meta, Takeover.Kind kind, Instant startedAt, String reason) implements Event {
    }

    /** Understudy stopped acting on the environment; {@code by}: the operator, or understudy itself. */
    record EnvironmentPaused(Meta meta, String reason, String by) implements Event {
    }

    record EnvironmentResumed(Meta meta, String reason, String by, java.time.Duration pausedFor) implements Event {
    }

    /** A registration was not taken in; the environment stays as it was. {@code by}: who registered. */
    record RegistrationRefused(Meta meta, String reason, String by) implements Event {
    }

    record CapacityDegraded(Meta meta, int requiredAppInstances, int runningAppInstances) implements Event {
    }
}
