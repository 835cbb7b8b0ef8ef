package io.understudy.takeover.saga;

import java.util.List;
import java.util.Optional;

/**
 * A command result moves its step on: success releases what waited for it, failure retries or aborts. The result
 * of an undo command moves the compensation on; anything else is late or a duplicate, see {@link LateResults}.
 */
final class StepResults {
    private StepResults() {
    }

    static Decision onResult(Environment environment, Input.CommandResult result) {
        Takeover takeover = environment.takeover();
        Optional<StepProgress> running = takeover == null ? Optional.empty() : takeover.runningStepWithCommand(result.commandId());
        if (running.isPresent()) {
            return onTime(environment, result, running.get());
        }
        Optional<StepProgress> undone = takeover == null ? Optional.empty() : takeover.stepUndoneBy(result.commandId());
        if (undone.isPresent()) {
            Reaction reaction = new Reaction(takeover.id(), result, environment);
            Compensation.onResult(reaction, undone.get(), result);
            Progression.advance(reaction);
            return reaction.decision();
        }
        return LateResults.onLate(environment, result);
    }

    private static Decision onTime(Environment environment, Input.CommandResult result, StepProgress progress) {
        Takeover takeover = environment.takeover();
        Step step = TakeoverPlans.of(takeover.kind()).step(progress.step());
        Reaction reaction = new Reaction(takeover.id(), result, environment);
        List<String> missing = step.missingOutputs(result.outputs());
        if (result.succeeded() && missing.isEmpty()) {
            succeed(reaction, step, progress, result, progress.attempt());
        } else {
            String reason = result.succeeded() ? "the result lacks the outputs " + missing
                    : result.error() == null ? "no reason given" : result.error();
            // a result without what the next step needs would fail the same way again
            StepFailures.fail(reaction, step, progress, reason, !result.succeeded() && result.retriable());
        }
        Progression.advance(reaction);
        return reaction.decision();
    }

    /** Takes the result as the step's: the current attempt's, or an earlier attempt's that came back late. */
    static void succeed(Reaction reaction, Step step, StepProgress progress, Input.CommandResult result, int attempt) {
        reaction.updateTakeover(reaction.takeover().withStep(
                progress.succeeded(result.commandId(), attempt, result.at(), result.outputs())));
        reaction.tell(new Event.StepSucceeded(reaction.meta(result.commandId() + "/succeeded"), progress.step(),
                attempt, result.commandId(), progress.startedAt(), result.outputs()));
        reaction.update(step.onSuccess().apply(new StepContext(reaction.environment()), result.outputs()));
    }
}
