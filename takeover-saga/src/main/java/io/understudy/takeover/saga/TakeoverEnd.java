package io.understudy.takeover.saga;

import java.time.Duration;

/**
 * Closes a takeover, leaving the environment free of it, and says so if capacity is short. A takeover that failed
 * while its instance is not running again (the failure was not refuted) defers that instance: it is taken over or
 * replaced again after {@link #RETRY_AFTER}, by {@link Reconciliation}, so no failure is left in place for good.
 */
final class TakeoverEnd {
    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private TakeoverEnd() {
    }

    static void completed(Reaction reaction) {
        Takeover takeover = reaction.takeover();
        String newMaster = takeover.movesMaster() ? takeover.candidateInstanceId() : null;
        reaction.tell(new Event.TakeoverCompleted(reaction.meta(takeover.id() + "/completed"), takeover.kind(),
                takeover.startedAt(), newMaster, takeover.replacementInstanceId()));
        close(reaction);
    }

    static void failed(Reaction reaction, String reason) {
        Takeover takeover = reaction.takeover();
        reaction.tell(new Event.TakeoverFailed(reaction.meta(takeover.id() + "/failed"), takeover.kind(),
                takeover.startedAt(), reason));
        String instance = takeover.failedInstanceId();
        close(reaction);
        if (reaction.environment().instance(instance).map(i -> !i.running()).orElse(false)) {
            reaction.update(reaction.environment().deferredUntil(instance, reaction.now().plus(RETRY_AFTER)));
        }
    }

    private static void close(Reaction reaction) {
        reaction.closeTakeover();
        reportCapacity(reaction);
    }

    static void reportCapacity(Reaction reaction) {
        Environment environment = reaction.environment();
        if (environment.capacityDegraded()) {
            reaction.tell(new Event.CapacityDegraded(reaction.meta(reaction.takeoverId() + "/capacity-degraded"),
                    environment.requiredAppInstances(), (int) environment.runningAppInstances()));
        }
    }
}
