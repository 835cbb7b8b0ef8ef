package io.understudy.takeover.saga;

/**
 * Sends the commands of steps: every pending step whose predecessors are all done, or a step's next attempt. A front
 * step also waits for the front to settle, and is skipped when no front can be had. Nothing is sent while the
 * environment is paused.
 */
final class Release {
    private Release() {
    }

    static void readySteps(Reaction reaction, Plan plan) {
        if (reaction.environment().paused()) {
            return;
        }
        for (Step<?> step : plan.steps()) {
            StepProgress progress = reaction.takeover().step(step.name()).orElse(null);
            if (progress == null || !progress.is(StepProgress.Status.PENDING) || !predecessorsDone(reaction.takeover(), step)) {
                continue;
            }
            if (!step.front() || reaction.context().frontSettled()) {
                start(reaction, step, progress.attempt() + 1);
            } else if (reaction.context().frontGone()) {
                skip(reaction, step, "there is no master whose HAProxy it could configure");
            }
        }
    }

    private static boolean predecessorsDone(Takeover takeover, Step<?> step) {
        return step.after().stream().allMatch(name -> takeover.step(name)
                .map(StepProgress::done)
                .orElse(true)); // not planned for this takeover: nothing to wait for
    }

    static void start(Reaction reaction, Step<?> step, int attempt) {
        Action action = step.command().apply(reaction.context());
        String commandId = TakeoverIds.command(reaction.takeoverId(), step.name(), reaction.takeover().round(), attempt);
        reaction.send(new Command(reaction.meta(commandId), action));
        reaction.tell(new Event.StepStarted(reaction.meta(commandId + "/started"), step.name(), attempt, commandId));
        StepProgress progress = reaction.takeover().step(step.name()).orElseThrow();
        reaction.updateTakeover(reaction.takeover().withStep(progress.started(attempt, commandId, reaction.now())));
    }

    /** The step is no longer needed; what waits for it goes on. */
    static void skip(Reaction reaction, Step<?> step, String reason) {
        StepProgress progress = reaction.takeover().step(step.name()).orElseThrow();
        reaction.updateTakeover(reaction.takeover().withStep(progress.skipped(reaction.now(), reason)));
        reaction.tell(new Event.StepSkipped(reaction.meta(reaction.takeoverId() + "/" + step.name() + "@"
                + reaction.takeover().round() + "/skipped"), step.name(), reason));
    }
}
