package io.understudy.takeover.saga;

import java.time.Instant;
import java.util.List;

/**
 * Time passing, as ticks: a step or an undo unanswered for longer than its step's timeout has failed (retriably:
 * its service may only be slow), and a failed step or undo whose wait is over is tried again, unless the
 * environment is paused. Every takeover in flight is looked at.
 */
final class Timers {
    private Timers() {
    }

    static void onTick(Reaction reaction, Input.Tick tick) {
        for (Takeover takeover : List.copyOf(reaction.environment().takeovers())) {
            reaction.focus(takeover.id());
            for (Step<?> step : TakeoverPlans.of(takeover.kind()).steps()) {
                if (reaction.takeover() == null) {
                    break;
                }
                reaction.takeover().step(step.name()).ifPresent(progress -> onTime(reaction, step, progress, tick.at()));
            }
        }
    }

    private static void onTime(Reaction reaction, Step<?> step, StepProgress progress, Instant now) {
        boolean overdue = progress.startedAt() != null && !now.isBefore(progress.startedAt().plus(step.timeout()));
        boolean waitOver = progress.retryAt() != null && !now.isBefore(progress.retryAt())
                && !reaction.environment().paused();
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
