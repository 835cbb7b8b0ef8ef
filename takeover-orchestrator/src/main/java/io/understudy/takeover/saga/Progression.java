package io.understudy.takeover.saga;

/** After every change to a takeover: release what is ready, undo what must be undone, or end it. */
final class Progression {
    private Progression() {
    }

    static void advance(Reaction reaction) {
        Takeover takeover = reaction.takeover();
        if (takeover == null) {
            return;
        }
        Plan plan = TakeoverPlans.of(takeover.kind());
        if (takeover.aborting()) {
            Compensation.proceed(reaction, plan);
        } else if (takeover.allSucceeded()) {
            TakeoverEnd.completed(reaction);
        } else {
            Release.readySteps(reaction, plan);
        }
    }
}
