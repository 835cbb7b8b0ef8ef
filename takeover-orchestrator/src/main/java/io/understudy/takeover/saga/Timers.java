package io.understudy.takeover.saga;

import java.time.Instant;

/**
 * Time passing, as ticks: a step or an undo unanswered for longer than its step's timeout has failed (retriably:
 * its service may only be slow), and a failed step or undo whose wait is over is tried again.
 */
final class Timers {
    private Timers() {
    }

    static Decision onTick(Environment environment, Input.Tick tick) {
        Takeover takeover = environment.takeover();
        if (takeover == null) {
            return Decision.nothing(environment);
        }
        Reaction reaction = new Reaction(takeover.id(), tick, environment);
        for (Step step : TakeoverPlans.of(takeover.kind()).steps()) {
            reaction.takeover().step(step.name()).ifPresent(progress -> onTime(reaction, step, progress, tick.at()));
        }
        Progression.advance(reaction);
        return reaction.decision();
    }

    private static void onTime(Reaction reaction, Step step, StepProgress progress, Instant now) {
        boolean overdue = progress.startedAt() != null && !now.isBefore(progress.startedAt().plus(step.timeout()));
        boolean waitOver = progress.retryAt() != null && !now.isBefore(progress.retryAt());
        if (progress.is(StepProgress.Status.RUNNING) && overdue) {
            StepFailures.fail(reaction, step, progress, "no result within " + step.timeout(), true);
        } else if (progress.waitingToRetry() && waitOver && !reaction.takeover().aborting()) {
            Release.start(reaction, step, progress.attempt() + 1);
        } else if (progress.is(StepProgress.Status.COMPENSATING) && progress.retryAt() == null && overdue) {
            Compensation.failed(reaction, progress, "no result within " + step.timeout());
        } else if (progress.is(StepProgress.Status.COMPENSATING) && waitOver) {
            Compensation.startUndo(reaction, step, TakeoverIds.undoAttempt(progress.compensationCommandId()) + 1);
        }
    }
}
