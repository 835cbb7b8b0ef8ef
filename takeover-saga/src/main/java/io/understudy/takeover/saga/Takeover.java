package io.understudy.takeover.saga;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A takeover in flight: the saga's own state. {@code steps} lists every step planned for this takeover, in plan
 * order; a step of the plan that does not apply (no data volume to carry over) is simply not in the list.
 * {@code abortReason} is set while the steps done for the current candidate are being undone;
 * {@code abandonedCandidates} are the candidates given up on before the current one. {@code withdrawn}: the failure
 * was refuted by a second opinion, so once what was done is undone the takeover ends, whatever candidates remain.
 */
public record Takeover(String id, Kind kind, String failedInstanceId, String candidateInstanceId,
                       String replacementInstanceId, Instant startedAt, String causationId, List<StepProgress> steps,
                       String abortReason, List<String> abandonedCandidates, boolean withdrawn) {

    public enum Kind { MASTER_TAKEOVER, SLAVE_REPLACEMENT, PLANNED_TAKEOVER, UNKNOWN }

    public Takeover {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        steps = List.copyOf(steps);
        abandonedCandidates = List.copyOf(abandonedCandidates);
    }

    public Takeover(String id, Kind kind, String failedInstanceId, String candidateInstanceId,
                    String replacementInstanceId, Instant startedAt, String causationId, List<StepProgress> steps) {
        this(id, kind, failedInstanceId, candidateInstanceId, replacementInstanceId, startedAt, causationId, steps,
                null, List.of(), false);
    }

    /** A master takeover, planned or not: it moves the address and the master role to its candidate. */
    public boolean movesMaster() {
        return kind == Kind.MASTER_TAKEOVER || kind == Kind.PLANNED_TAKEOVER;
    }

    public boolean pivoted() {
        return step(TakeoverPlans.PIVOT).map(p -> p.is(StepProgress.Status.SUCCEEDED)).orElse(false);
    }

    /** 1 for the first candidate, 2 for the second...: part of the command ids, so each candidate's are new. */
    public int round() {
        return abandonedCandidates.size() + 1;
    }

    public boolean aborting() {
        return abortReason != null;
    }

    public Optional<StepProgress> step(String name) {
        return steps.stream().filter(s -> s.step().equals(name)).findFirst();
    }

    public Optional<StepProgress> runningStepWithCommand(String commandId) {
        return steps.stream().filter(s -> s.is(StepProgress.Status.RUNNING) && commandId.equals(s.commandId()))
                .findFirst();
    }

    public Optional<StepProgress> stepUndoneBy(String commandId) {
        return steps.stream().filter(s -> s.is(StepProgress.Status.COMPENSATING)
                && commandId.equals(s.compensationCommandId())).findFirst();
    }

    /** Something sent is still unanswered (or waits for another try): undoing must wait for it to settle. */
    public boolean unsettled() {
        return steps.stream().anyMatch(s -> s.is(StepProgress.Status.RUNNING) || s.is(StepProgress.Status.COMPENSATING));
    }

    /** Every step succeeded or was skipped. */
    public boolean allDone() {
        return steps.stream().allMatch(StepProgress::done);
    }

    Takeover withStep(StepProgress progress) {
        return withSteps(steps.stream().map(s -> s.step().equals(progress.step()) ? progress : s).toList());
    }

    Takeover planned(List<StepProgress> plannedSteps) {
        return withSteps(plannedSteps);
    }

    private Takeover withSteps(List<StepProgress> newSteps) {
        return new Takeover(id, kind, failedInstanceId, candidateInstanceId, replacementInstanceId, startedAt,
                causationId, newSteps, abortReason, abandonedCandidates, withdrawn);
    }

    Takeover withReplacement(String instanceId) {
        return new Takeover(id, kind, failedInstanceId, candidateInstanceId, instanceId, startedAt, causationId, steps,
                abortReason, abandonedCandidates, withdrawn);
    }

    /** Stops every retry: what is still in flight settles, then what was done is undone. */
    Takeover abort(String reason) {
        return new Takeover(id, kind, failedInstanceId, candidateInstanceId, replacementInstanceId, startedAt,
                causationId, steps.stream().map(s -> s.waitingToRetry() ? s.givenUp() : s).toList(), reason,
                abandonedCandidates, withdrawn);
    }

    /** The failure was refuted: abort, and end once undone instead of trying another candidate. */
    Takeover withdraw(String reason) {
        Takeover aborted = aborting() ? this : abort(reason);
        return new Takeover(id, kind, failedInstanceId, candidateInstanceId, replacementInstanceId, startedAt,
                causationId, aborted.steps, aborted.abortReason, abandonedCandidates, true);
    }

    /** The next candidate's round: the current candidate is abandoned, the given steps are its plan. */
    Takeover withCandidate(String nextCandidate, List<StepProgress> nextSteps) {
        List<String> abandoned = new ArrayList<>(abandonedCandidates);
        abandoned.add(candidateInstanceId);
        return new Takeover(id, kind, failedInstanceId, nextCandidate, replacementInstanceId, startedAt, causationId,
                nextSteps, null, abandoned, withdrawn);
    }
}
