package io.understudy.takeover.saga;

import io.understudy.schemas.outcome.ResultOutputs;
import java.util.Map;
import java.util.Set;

/**
 * A step's attempt failed (its service said so, or it timed out): it waits and tries again while its retry policy
 * allows, otherwise the takeover is aborted (a best-effort step is skipped instead). While a takeover is being
 * aborted nothing is tried again. A failure only an operator can settle (the address held by a third instance)
 * holds the step and pauses the environment: retrying would take the address from whoever holds it, again and again.
 */
final class StepFailures {
    private static final Set<String> FOR_AN_OPERATOR = Set.of(ResultOutputs.ADDRESS_HELD_ELSEWHERE);

    private StepFailures() {
    }

    static void fail(Reaction reaction, Step<?> step, StepProgress progress, String reason, boolean retriable) {
        fail(reaction, step, progress, reason, retriable, Map.of());
    }

    static void fail(Reaction reaction, Step<?> step, StepProgress progress, String reason, boolean retriable,
                     Map<String, String> outputs) {
        Takeover takeover = reaction.takeover();
        if (FOR_AN_OPERATOR.contains(outputs.getOrDefault(ResultOutputs.ERROR_CODE, "")) && !takeover.aborting()) {
            holdForOperator(reaction, progress, reason);
            return;
        }
        boolean again = !takeover.aborting() && step.retry().allowsAnother(progress.attempt(), retriable);
        var retryAt = again ? reaction.now().plus(step.retry().waitAfter(progress.attempt())) : null;
        reaction.updateTakeover(takeover.withStep(progress.failed(reaction.now(), reason, retryAt)));
        reaction.tell(new Event.StepFailed(reaction.meta(progress.commandId() + "/failed"), progress.step(),
                progress.attempt(), progress.commandId(), progress.startedAt(), reason, again));
        if (!again && !takeover.aborting()) {
            if (step.skippable()) {
                Release.skip(reaction, step, "given up after " + progress.attempt() + " attempts: " + reason);
            } else {
                reaction.updateTakeover(reaction.takeover().abort("step " + progress.step() + " failed: " + reason));
            }
        }
    }

    /** The step waits, failed without a retry time, until an operator resumes the environment. */
    private static void holdForOperator(Reaction reaction, StepProgress progress, String reason) {
        String why = "step " + progress.step() + " of " + reaction.takeoverId() + " needs an operator: " + reason;
        reaction.updateTakeover(reaction.takeover().withStep(progress.failed(reaction.now(), reason, null)));
        reaction.tell(new Event.StepFailed(reaction.meta(progress.commandId() + "/failed"), progress.step(),
                progress.attempt(), progress.commandId(), progress.startedAt(), reason + "; held until an operator resumes the environment", false));
        Pausing.pause(reaction, why, Pausing.BY_UNDERSTUDY);
    }

    /** A step held for an operator: failed, not waiting to retry, in a takeover that is not being undone. */
    static boolean held(Takeover takeover, StepProgress progress) {
        return progress.is(StepProgress.Status.FAILED) && progress.retryAt() == null && !takeover.aborting();
    }
}
