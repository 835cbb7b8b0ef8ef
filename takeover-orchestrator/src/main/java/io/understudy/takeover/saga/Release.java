package io.understudy.takeover.saga;

/** Sends the commands of steps: every pending step whose predecessors have all succeeded, or a step's next attempt. */
final class Release {
    private Release() {
    }

    static void readySteps(Reaction reaction, Plan plan) {
        for (Step step : plan.steps()) {
            boolean pending = reaction.takeover().step(step.name())
                    .map(p -> p.is(StepProgress.Status.PENDING)).orElse(false);
            if (pending && predecessorsSucceeded(reaction.takeover(), step)) {
                start(reaction, step, 1);
            }
        }
    }

    private static boolean predecessorsSucceeded(Takeover takeover, Step step) {
        return step.after().stream().allMatch(name -> takeover.step(name)
                .map(p -> p.is(StepProgress.Status.SUCCEEDED))
                .orElse(true)); // not planned for this takeover: nothing to wait for
    }

    static void start(Reaction reaction, Step step, int attempt) {
        Action action = step.command().apply(new StepContext(reaction.environment()));
        String commandId = TakeoverIds.command(reaction.takeoverId(), step.name(), reaction.takeover().round(), attempt);
        reaction.send(new Command(reaction.meta(commandId), action));
        reaction.tell(new Event.StepStarted(reaction.meta(commandId + "/started"), step.name(), attempt, commandId));
        StepProgress progress = reaction.takeover().step(step.name()).orElseThrow();
        reaction.updateTakeover(reaction.takeover().withStep(progress.started(attempt, commandId, reaction.now())));
    }
}
