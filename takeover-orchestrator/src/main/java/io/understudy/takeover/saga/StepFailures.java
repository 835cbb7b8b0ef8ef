package io.understudy.takeover.saga;

/**
 * A step's attempt failed (its service said so, or it timed out): it waits and tries again while its retry policy
 * allows, otherwise the takeover is aborted. While a takeover is being aborted nothing is tried again.
 */
final class StepFailures {
    private StepFailures() {
    }

    static void fail(Reaction reaction, Step step, StepProgress progress, String reason, boolean retriable) {
        Takeover takeover = reaction.takeover();
        boolean again = !takeover.aborting() && step.retry().allowsAnother(progress.attempt(), retriable);
        var retryAt = again ? reaction.now().plus(step.retry().waitAfter(progress.attempt())) : null;
        reaction.updateTakeover(takeover.withStep(progress.failed(reaction.now(), reason, retryAt)));
        reaction.tell(new Event.StepFailed(reaction.meta(progress.commandId() + "/failed"), progress.step(),
                progress.attempt(), progress.commandId(), progress.startedAt(), reason, again));
        if (!again && !takeover.aborting()) {
            reaction.updateTakeover(reaction.takeover().abort("step " + progress.step() + " failed: " + reason));
        }
    }
}
