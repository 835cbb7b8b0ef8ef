package io.understudy.takeover.saga;

import java.util.List;
import java.util.Optional;

/** A failure report starts a master takeover or a slave replacement; an operator or a forecast, a planned takeover. */
final class TakeoverStart {
    private TakeoverStart() {
    }

    static Decision onFailure(Environment environment, Input.InstanceFailed failure) {
        Instance failed = environment.instance(failure.instanceId()).filter(Instance::running).orElse(null);
        Takeover.Kind kind = failed == null ? null : kindFor(failed.role());
        if (environment.takeover() != null || kind == null) {
            // one takeover at a time; an unknown, already failed or utility instance is not ours to act on
            return Decision.nothing(environment);
        }
        String takeoverId = TakeoverIds.takeover(environment.id(), failure.eventId());
        Environment marked = environment.updateInstance(failed.id(), i -> i.withStatus(Instance.Status.FAILED));
        Reaction reaction = new Reaction(takeoverId, failure, marked);
        if (kind == Takeover.Kind.SLAVE_REPLACEMENT) {
            begin(reaction, kind, failed, null, failure.reason());
            return reaction.decision();
        }
        Optional<Instance> candidate = Candidates.choose(environment);
        if (candidate.isEmpty()) {
            return refused(reaction, kind, "no healthy app slave on stack version " + environment.stackVersion());
        }
        begin(reaction, kind, failed, candidate.get(), failure.reason());
        return reaction.decision();
    }

    /** Only the running master is handed over on purpose; a forecast for any other instance waits for its failure. */
    static Decision onPlanned(Environment environment, Input.PlannedTakeover planned) {
        Instance master = environment.runningMaster().filter(m -> m.id().equals(planned.instanceId())).orElse(null);
        if (environment.takeover() != null || master == null) {
            return Decision.nothing(environment);
        }
        Reaction reaction = new Reaction(TakeoverIds.takeover(environment.id(), planned.eventId()), planned, environment);
        Takeover.Kind kind = Takeover.Kind.PLANNED_TAKEOVER;
        Optional<Instance> candidate = planned.toInstance() == null ? Candidates.choose(environment)
                : environment.instance(planned.toInstance()).filter(i -> Candidates.eligible(environment, i));
        if (candidate.isEmpty()) {
            return refused(reaction, kind, planned.toInstance() == null
                    ? "no healthy app slave on stack version " + environment.stackVersion()
                    : planned.toInstance() + " is not a running app slave on stack version " + environment.stackVersion());
        }
        begin(reaction, kind, master, candidate.get(), planned.reason() == null ? "planned" : planned.reason());
        return reaction.decision();
    }

    private static void begin(Reaction reaction, Takeover.Kind kind, Instance failed, Instance candidate, String reason) {
        String candidateId = candidate == null ? null : candidate.id();
        Takeover takeover = new Takeover(reaction.takeoverId(), kind, failed.id(), candidateId, null, reaction.now(),
                reaction.cause().eventId(), List.of());
        Plan plan = TakeoverPlans.of(kind);
        Environment started = reaction.environment().withTakeover(takeover);
        reaction.update(started.withTakeover(takeover.planned(plan.pendingSteps(new StepContext(started)))));
        reaction.tell(new Event.TakeoverStarted(reaction.meta(reaction.takeoverId() + "/started"), kind, failed.id(),
                candidateId, reason));
        Release.readySteps(reaction, plan);
    }

    private static Takeover.Kind kindFor(Instance.Role role) {
        return switch (role) {
            case APP_MASTER -> Takeover.Kind.MASTER_TAKEOVER;
            case APP_SLAVE -> Takeover.Kind.SLAVE_REPLACEMENT;
            default -> null;
        };
    }

    private static Decision refused(Reaction reaction, Takeover.Kind kind, String reason) {
        reaction.tell(new Event.TakeoverFailed(reaction.meta(reaction.takeoverId() + "/failed"), kind, reaction.now(),
                reason));
        TakeoverEnd.reportCapacity(reaction);
        return reaction.decision();
    }
}
