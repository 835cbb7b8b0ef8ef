package io.understudy.takeover.saga;

import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Where one step of a takeover stands. {@code output} is what its command's result reported, typed (SnapshotTaken,
 * VolumeCreated, ...), null for nothing; {@code outputs} is the result's map rendering, for people.
 * {@code since} is when its first attempt started, so a step retried for an hour says so; {@code retryAt} is set
 * while a failed step (or its undo) waits for its next attempt. While COMPENSATING, {@code startedAt} is when the
 * current undo command was sent.
 */
public record StepProgress(String step, Status status, int attempt, String commandId, Instant startedAt,
                           Instant finishedAt, Map<String, String> outputs, SpecificRecord output, String error,
                           Instant since, Instant retryAt, String compensationCommandId) {

    public enum Status { PENDING, RUNNING, SUCCEEDED, FAILED, COMPENSATING, COMPENSATED, SKIPPED, UNKNOWN }

    public StepProgress {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(status, "status");
        outputs = Map.copyOf(outputs);
    }

    /** A step whose result reported no typed output. */
    public StepProgress(String step, Status status, int attempt, String commandId, Instant startedAt, Instant finishedAt,
                        Map<String, String> outputs, String error, Instant since, Instant retryAt,
                        String compensationCommandId) {
        this(step, status, attempt, commandId, startedAt, finishedAt, outputs, null, error, since, retryAt,
                compensationCommandId);
    }

    public static StepProgress pending(String step) {
        return new StepProgress(step, Status.PENDING, 0, null, null, null, Map.of(), null, null, null, null);
    }

    public boolean is(Status wanted) {
        return status == wanted;
    }

    /** Succeeded, or skipped because it is no longer needed: either way nothing waits for it. */
    public boolean done() {
        return status == Status.SUCCEEDED || status == Status.SKIPPED;
    }

    /** A failed step that will be tried again. */
    public boolean waitingToRetry() {
        return status == Status.FAILED && retryAt != null;
    }

    StepProgress started(int newAttempt, String newCommandId, Instant at) {
        return new StepProgress(step, Status.RUNNING, newAttempt, newCommandId, at, null, Map.of(), error,
                since == null ? at : since, null, null);
    }

    /** {@code byCommand}: the command whose result is taken, a late earlier attempt's when it is adopted. */
    StepProgress succeeded(String byCommand, int byAttempt, Instant at, Map<String, String> newOutputs,
                           SpecificRecord newOutput) {
        return new StepProgress(step, Status.SUCCEEDED, byAttempt, byCommand, startedAt, at, newOutputs, newOutput, null,
                since, null, null);
    }

    StepProgress failed(Instant at, String reason, Instant nextAttemptAt) {
        return new StepProgress(step, Status.FAILED, attempt, commandId, startedAt, at, outputs, output, reason, since,
                nextAttemptAt, null);
    }

    StepProgress compensating(String undoCommandId, Instant at) {
        return new StepProgress(step, Status.COMPENSATING, attempt, commandId, at, finishedAt, outputs, output, error, since,
                null, undoCommandId);
    }

    StepProgress undoFailed(String reason, Instant nextAttemptAt) {
        return new StepProgress(step, Status.COMPENSATING, attempt, commandId, startedAt, finishedAt, outputs, output, reason,
                since, nextAttemptAt, compensationCommandId);
    }

    StepProgress compensated(Instant at) {
        return new StepProgress(step, Status.COMPENSATED, attempt, commandId, startedAt, at, outputs, output, error, since,
                null, compensationCommandId);
    }

    /** No longer needed: {@code reason} says why. */
    StepProgress skipped(Instant at, String reason) {
        return new StepProgress(step, Status.SKIPPED, attempt, commandId, startedAt, at, Map.of(), reason, since, null,
                null);
    }

    /**
     * Back to pending, to be sent again (with the next attempt number) once what it waits for is there: the
     * instance its command went to failed, so the answer to that command no longer counts.
     */
    StepProgress reset(String reason) {
        return new StepProgress(step, Status.PENDING, attempt, commandId, startedAt, null, Map.of(), reason, since,
                null, null);
    }

    /** No more attempts: the takeover is being undone. */
    StepProgress givenUp() {
        return new StepProgress(step, status, attempt, commandId, startedAt, finishedAt, outputs, output, error, since, null,
                compensationCommandId);
    }
}
