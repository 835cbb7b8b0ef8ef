package io.understudy.takeover.saga;

import java.util.List;

/**
 * After every input, for every takeover in flight: release what is ready, undo what must be undone, or end it. A
 * change to one takeover can free another (a pivot settles the front the other's HAProxy steps wait for), so all
 * are looked at. A paused environment holds: nothing is sent.
 */
final class Progression {
    private Progression() {
    }

    static void advanceAll(Reaction reaction) {
        // one pass per takeover is enough for each to see what the others did (an end settles or clears the front)
        for (int pass = 0; pass <= reaction.environment().takeovers().size(); pass++) {
            if (reaction.environment().paused()) {
                return;
            }
            Environment before = reaction.environment();
            for (Takeover takeover : List.copyOf(before.takeovers())) {
                reaction.focus(takeover.id());
                advance(reaction);
            }
            if (reaction.environment().equals(before)) {
                return;
            }
        }
    }

    private static void advance(Reaction reaction) {
        Takeover takeover = reaction.takeover();
        if (takeover == null) {
            return;
        }
        Plan plan = TakeoverPlans.of(takeover.kind());
        if (takeover.aborting()) {
            Compensation.proceed(reaction, plan);
        } else {
            Release.readySteps(reaction, plan);
            if (reaction.takeover().allDone()) {
                TakeoverEnd.completed(reaction);
            }
        }
    }
}
