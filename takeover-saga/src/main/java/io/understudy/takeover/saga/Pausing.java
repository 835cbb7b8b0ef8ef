package io.understudy.takeover.saga;

import java.time.Duration;
import java.util.List;

/**
 * A paused environment is watched, not acted on: failures are recorded, nothing is fenced, moved or booted, and a
 * takeover in flight holds where it is (what was sent settles). Resuming goes on from there: steps held for an
 * operator are tried again, and failures still recorded are acted on (see {@link Reconciliation}).
 */
final class Pausing {
    static final String BY_UNDERSTUDY = "understudy";

    private Pausing() {
    }

    static void onChange(Reaction reaction, Input.PauseChanged change) {
        if (change.paused()) {
            pause(reaction, change.reason() == null ? "paused by " + change.by() : change.reason(), change.by());
        } else {
            resume(reaction, change.reason() == null ? "" : change.reason(), change.by());
        }
    }

    static void pause(Reaction reaction, String reason, String by) {
        if (reaction.environment().paused()) {
            return;
        }
        reaction.update(reaction.environment().withPause(new Environment.Pause(reaction.now(), reason, by)));
        reaction.tell(new Event.EnvironmentPaused(reaction.meta(reaction.cause().eventId() + "/paused"), reason, by));
    }

    private static void resume(Reaction reaction, String reason, String by) {
        Environment.Pause pause = reaction.environment().pause();
        if (pause == null) {
            return;
        }
        reaction.update(reaction.environment().withPause(null));
        reaction.tell(new Event.EnvironmentResumed(reaction.meta(reaction.cause().eventId() + "/resumed"), reason, by,
                Duration.between(pause.since(), reaction.now())));
        for (Takeover takeover : List.copyOf(reaction.environment().takeovers())) {
            reaction.focus(takeover.id());
            retryHeld(reaction);
        }
    }

    private static void retryHeld(Reaction reaction) {
        Plan plan = TakeoverPlans.of(reaction.takeover().kind());
        for (Step<?> step : plan.steps()) {
            reaction.takeover().step(step.name()).filter(p -> StepFailures.held(reaction.takeover(), p))
                    .ifPresent(p -> Release.start(reaction, step, p.attempt() + 1));
        }
    }
}
