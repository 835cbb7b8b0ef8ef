package io.understudy.takeover.saga;

import java.util.List;
import java.util.Optional;

/**
 * A command result moves its step on: success releases what waited for it, failure retries or aborts. The result
 * of an undo command moves the compensation on; anything else is late or a duplicate, see {@link LateResults}.
 * The command id names the takeover it belongs to, among those in flight.
 */
final class StepResults {
    private StepResults() {
    }

    static void onResult(Reaction reaction, Input.CommandResult answer) {
        Input.CommandResult result = typed(answer);
        for (Takeover takeover : reaction.environment().takeovers()) {
            Optional<StepProgress> running = takeover.runningStepWithCommand(result.commandId());
            if (running.isPresent()) {
                onTime(reaction.focus(takeover.id()), result, running.get());
                return;
            }
            Optional<StepProgress> undone = takeover.stepUndoneBy(result.commandId());
            if (undone.isPresent()) {
                Compensation.onResult(reaction.focus(takeover.id()), undone.get(), result);
                return;
            }
        }
        LateResults.onLate(reaction, result);
    }

    private static void onTime(Reaction reaction, Input.CommandResult result, StepProgress progress) {
        Step<?> step = TakeoverPlans.of(reaction.takeover().kind()).step(progress.step());
        List<String> missing = step.missingOutputs(result);
        if (result.succeeded() && missing.isEmpty()) {
            succeed(reaction, step, progress, result, progress.attempt());
        } else {
            String reason = result.succeeded() ? "the result lacks the outputs " + missing
                    : result.error() == null ? "no reason given" : result.error();
            // a result without what the next step needs would fail the same way again
            StepFailures.fail(reaction, step, progress, reason, !result.succeeded() && result.retriable(), result.outputs());
        }
    }

    /**
     * A result from a service older than typed outputs carries only their map rendering: it is read back as the
     * output of the step its command id names, so the rest of the saga sees typed outputs only.
     */
    private static Input.CommandResult typed(Input.CommandResult result) {
        if (result.output() != null || !result.succeeded()) {
            return result;
        }
        return TakeoverIds.stepOf(TakeoverIds.takeoverOf(result.commandId()), result.commandId())
                .flatMap(ref -> TakeoverPlans.stepNamed(ref.step()))
                .map(step -> step.typed(result)).orElse(result);
    }

    /** Takes the result as the step's: the current attempt's, or an earlier attempt's that came back late. */
    static void succeed(Reaction reaction, Step<?> step, StepProgress progress, Input.CommandResult result, int attempt) {
        reaction.updateTakeover(reaction.takeover().withStep(
                progress.succeeded(result.commandId(), attempt, result.at(), result.outputs(), result.output())));
        reaction.tell(new Event.StepSucceeded(reaction.meta(result.commandId() + "/succeeded"), progress.step(),
                attempt, result.commandId(), progress.startedAt(), result.outputs()));
        reaction.update(step.succeeded(reaction.context(), result.output()));
    }
}
