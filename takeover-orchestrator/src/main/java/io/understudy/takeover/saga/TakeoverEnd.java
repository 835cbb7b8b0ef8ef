package io.understudy.takeover.saga;

/** Closes a takeover, leaving the environment free for the next one, and says so if capacity is short. */
final class TakeoverEnd {
    private TakeoverEnd() {
    }

    static void completed(Reaction reaction) {
        Takeover takeover = reaction.takeover();
        String newMaster = takeover.kind() == Takeover.Kind.SLAVE_REPLACEMENT ? null : takeover.candidateInstanceId();
        reaction.tell(new Event.TakeoverCompleted(reaction.meta(takeover.id() + "/completed"), takeover.kind(),
                takeover.startedAt(), newMaster, takeover.replacementInstanceId()));
        close(reaction);
    }

    static void failed(Reaction reaction, String reason) {
        Takeover takeover = reaction.takeover();
        reaction.tell(new Event.TakeoverFailed(reaction.meta(takeover.id() + "/failed"), takeover.kind(),
                takeover.startedAt(), reason));
        close(reaction);
    }

    private static void close(Reaction reaction) {
        reaction.updateTakeover(null);
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
