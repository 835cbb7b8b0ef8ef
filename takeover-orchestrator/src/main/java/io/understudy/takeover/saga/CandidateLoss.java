package io.understudy.takeover.saga;

import java.util.ArrayList;
import java.util.List;

/**
 * The candidate itself fails during its takeover. Before the pivot its steps are undone and the next candidate is
 * tried. After the pivot it is the master: this takeover ends, and a takeover of the new master begins.
 */
final class CandidateLoss {
    private CandidateLoss() {
    }

    static boolean concerns(Environment environment, Input.InstanceFailed failure) {
        Takeover takeover = environment.takeover();
        return takeover != null && failure.instanceId().equals(takeover.candidateInstanceId())
                && environment.instance(failure.instanceId()).map(Instance::running).orElse(false);
    }

    static Decision onFailure(Environment environment, Input.InstanceFailed failure) {
        Takeover takeover = environment.takeover();
        boolean pivoted = takeover.step(TakeoverPlans.PIVOT).map(p -> p.is(StepProgress.Status.SUCCEEDED)).orElse(false);
        Reaction reaction = new Reaction(takeover.id(), failure, environment);
        reaction.update(environment.updateInstance(failure.instanceId(), i -> i.withStatus(Instance.Status.FAILED)));
        String reason = "candidate " + failure.instanceId() + " failed: " + failure.reason();
        if (!pivoted) {
            if (!takeover.aborting()) {
                reaction.updateTakeover(reaction.takeover().abort(reason));
            }
            Progression.advance(reaction);
            return reaction.decision();
        }
        TakeoverEnd.failed(reaction, "the new master " + reason + " after the pivot; it is taken over in turn");
        Decision closed = reaction.decision();
        Environment unmarked = closed.state().updateInstance(failure.instanceId(), i -> i.withStatus(Instance.Status.RUNNING));
        Decision next = TakeoverStart.onFailure(unmarked, failure);
        return new Decision(next.state(), concat(closed.commands(), next.commands()), concat(closed.events(), next.events()));
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
