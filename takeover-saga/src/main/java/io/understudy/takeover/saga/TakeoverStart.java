package io.understudy.takeover.saga;

import java.util.List;
import java.util.Optional;

/**
 * How takeovers begin: a failure (through {@link Reconciliation}, which sees every failure recorded) starts a master
 * takeover or a slave replacement; an operator or a forecast, a planned takeover.
 */
final class TakeoverStart {
    private TakeoverStart() {
    }

    /**
     * Only the running master is handed over on purpose, and not while another takeover is on its way to the pivot;
     * a forecast for any other instance waits for its failure.
     */
    static void onPlanned(Reaction reaction, Input.PlannedTakeover planned) {
        Environment environment = reaction.environment();
        Instance master = environment.runningMaster().filter(m -> m.id().equals(planned.instanceId())).orElse(null);
        if (environment.takeoverBeforePivot().isPresent() || master == null || environment.paused()
                || environment.handled(master.id())) {
            return;
        }
        reaction.focus(TakeoverIds.takeover(environment.id(), planned.eventId()));
        Takeover.Kind kind = Takeover.Kind.PLANNED_TAKEOVER;
        Optional<Instance> candidate = planned.toInstance() == null ? Candidates.choose(environment)
                : environment.instance(planned.toInstance()).filter(i -> Candidates.eligible(environment, i));
        if (candidate.isEmpty()) {
            refuse(reaction, kind, planned.toInstance() == null
                    ? "no healthy app slave on stack version " + environment.stackVersion()
                    : planned.toInstance() + " is not a running app slave on stack version " + environment.stackVersion());
            return;
        }
        begin(reaction, kind, master, candidate.get(), planned.reason() == null ? "planned" : planned.reason());
    }

    /** Starts the takeover in focus of {@code failed}, with its whole plan recorded and its first steps released. */
    static void begin(Reaction reaction, Takeover.Kind kind, Instance failed, Instance candidate, String reason) {
        String candidateId = candidate == null ? null : candidate.id();
        Takeover takeover = new Takeover(reaction.takeoverId(), kind, failed.id(), candidateId, null, reaction.now(),
                reaction.cause().eventId(), List.of());
        Plan plan = TakeoverPlans.of(kind);
        reaction.updateTakeover(takeover);
        reaction.updateTakeover(takeover.planned(plan.pendingSteps(reaction.context())));
        reaction.tell(new Event.TakeoverStarted(reaction.meta(reaction.takeoverId() + "/started"), kind, failed.id(),
                candidateId, reason));
        Release.readySteps(reaction, plan);
    }

    static void refuse(Reaction reaction, Takeover.Kind kind, String reason) {
        reaction.tell(new Event.TakeoverFailed(reaction.meta(reaction.takeoverId() + "/failed"), kind, reaction.now(),
                reason));
        TakeoverEnd.reportCapacity(reaction);
    }
}
