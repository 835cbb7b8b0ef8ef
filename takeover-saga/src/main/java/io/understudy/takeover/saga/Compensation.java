package io.understudy.takeover.saga;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Undoing an aborted candidate's steps, one at a time, last first: once nothing sent is still unanswered, the last
 * step that was tried and can be undone (from what its result reported) gets its undo command; an undo is tried
 * until it succeeds. When nothing is left to undo, the next candidate is tried, or the takeover fails. Steps done
 * once for the whole takeover stay done for the next candidate and are undone only when there is none (a planned
 * takeover's graceful stop: the master that was healthy runs again).
 */
final class Compensation {
    private Compensation() {
    }

    static void proceed(Reaction reaction, Plan plan) {
        if (reaction.takeover().unsettled()) {
            return;
        }
        Optional<Step<?>> next = lastUndoable(reaction, plan);
        if (next.isPresent()) {
            startUndo(reaction, next.get(), 1);
        } else {
            NextCandidate.tryOrFail(reaction, plan);
        }
    }

    private static Optional<Step<?>> lastUndoable(Reaction reaction, Plan plan) {
        StepContext context = reaction.context();
        boolean takeoverEnds = NextCandidate.next(reaction).isEmpty();
        List<Step<?>> steps = plan.steps();
        for (int i = steps.size() - 1; i >= 0; i--) {
            Step<?> step = steps.get(i);
            if (!step.perCandidate() && !takeoverEnds) {
                continue;
            }
            boolean tried = reaction.takeover().step(step.name())
                    .filter(p -> p.is(StepProgress.Status.SUCCEEDED) || (p.is(StepProgress.Status.FAILED) && p.attempt() > 0))
                    .filter(p -> step.undo(context, p.output()).isPresent())
                    .isPresent();
            if (tried) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }

    static void startUndo(Reaction reaction, Step<?> step, int n) {
        StepProgress progress = reaction.takeover().step(step.name()).orElseThrow();
        Action undo = step.undo(reaction.context(), progress.output()).orElseThrow();
        String commandId = TakeoverIds.undo(progress.commandId(), n);
        reaction.send(new Command(reaction.meta(commandId), undo));
        reaction.updateTakeover(reaction.takeover().withStep(progress.compensating(commandId, reaction.now())));
    }

    static void onResult(Reaction reaction, StepProgress progress, Input.CommandResult result) {
        if (result.succeeded()) {
            Step<?> step = TakeoverPlans.of(reaction.takeover().kind()).step(progress.step());
            reaction.update(step.undone(reaction.context(), progress.output()));
            reaction.updateTakeover(reaction.takeover().withStep(progress.compensated(result.at())));
            reaction.tell(new Event.StepCompensated(reaction.meta(result.commandId() + "/compensated"), progress.step(),
                    result.commandId(), progress.startedAt()));
        } else {
            failed(reaction, progress, result.error() == null ? "no reason given" : result.error());
        }
    }

    /** An undo must not be given up: the environment is to be left as it was. */
    static void failed(Reaction reaction, StepProgress progress, String reason) {
        int n = TakeoverIds.undoAttempt(progress.compensationCommandId());
        Step<?> step = TakeoverPlans.of(reaction.takeover().kind()).step(progress.step());
        Instant retryAt = reaction.now().plus(RetryPolicy.untilSuccess().waitAfter(n));
        reaction.updateTakeover(reaction.takeover().withStep(progress.undoFailed("undo failed: " + reason, retryAt)));
        reaction.tell(new Event.StepFailed(reaction.meta(progress.compensationCommandId() + "/failed"), step.name(),
                progress.attempt(), progress.compensationCommandId(), progress.startedAt(), "undo failed: " + reason, true));
    }
}
