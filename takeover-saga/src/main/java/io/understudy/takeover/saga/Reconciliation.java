package io.understudy.takeover.saga;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * No failure is ever dropped: after every input, every app instance that needs a takeover and has none gets one,
 * whatever else is in flight. A failed master is taken over as soon as no other takeover is on its way to the
 * pivot; failed slaves are replaced beside anything else. An instance whose takeover failed is tried again once its
 * deferral is over; a failed master with no candidate waits, silently after the first refusal, until one appears.
 * A paused environment records failures and starts nothing.
 */
final class Reconciliation {
    private Reconciliation() {
    }

    /** @param failure the failure report that is this input, if it is one: its own refusal is said out loud */
    static void actOnFailures(Reaction reaction, Optional<Input.InstanceFailed> failure) {
        if (reaction.environment().paused()) {
            return;
        }
        for (Instance instance : List.copyOf(reaction.environment().instances())) {
            if (needsTakeover(reaction.environment(), instance, reaction.now())) {
                String cause = failure.filter(f -> f.instanceId().equals(instance.id())).map(Input::eventId)
                        .orElse(reaction.cause().eventId() + "/" + instance.id());
                begin(reaction, instance, cause);
            }
        }
    }

    private static boolean needsTakeover(Environment environment, Instance instance, Instant now) {
        if (!instance.servesApp() || environment.handled(instance.id())) {
            return false;
        }
        Instant deferred = environment.deferred().get(instance.id());
        if (deferred != null) {
            return !now.isBefore(deferred);
        }
        return instance.status() == Instance.Status.FAILED;
    }

    private static void begin(Reaction reaction, Instance instance, String cause) {
        Environment environment = reaction.environment();
        String takeoverId = TakeoverIds.takeover(environment.id(), cause);
        if (instance.role() == Instance.Role.APP_SLAVE) {
            reaction.update(environment.deferredUntil(instance.id(), null));
            TakeoverStart.begin(reaction.focus(takeoverId), Takeover.Kind.SLAVE_REPLACEMENT, instance, null, reason(reaction, instance));
            return;
        }
        if (environment.runningMaster().isPresent() || environment.takeoverBeforePivot().isPresent()) {
            return; // the master role is held or on its way: this former master waits for that to settle
        }
        Optional<Instance> candidate = Candidates.choose(environment);
        if (candidate.isPresent()) {
            reaction.update(environment.deferredUntil(instance.id(), null));
            TakeoverStart.begin(reaction.focus(takeoverId), Takeover.Kind.MASTER_TAKEOVER, instance, candidate.get(),
                    reason(reaction, instance));
        } else if (!environment.deferred().containsKey(instance.id())) {
            // said once; the master then waits for a candidate (a replacement booting, a slave recovering)
            TakeoverStart.refuse(reaction.focus(takeoverId), Takeover.Kind.MASTER_TAKEOVER,
                    "no healthy app slave on stack version " + environment.stackVersion());
            reaction.update(reaction.environment().deferredUntil(instance.id(), reaction.now()));
        }
    }

    private static String reason(Reaction reaction, Instance instance) {
        if (reaction.cause() instanceof Input.InstanceFailed failed && failed.instanceId().equals(instance.id())) {
            return failed.reason();
        }
        return instance.status() == Instance.Status.FAILED ? "failed earlier, acted on now" : "tried again after an earlier takeover failed";
    }
}
