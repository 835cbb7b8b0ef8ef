package io.understudy.takeover.saga;

import java.util.List;

/**
 * A declared failure is recorded whatever is in flight, and changes at once every plan that depends on the failed
 * instance, instead of letting its steps time out:
 * <ul>
 * <li>the candidate of a takeover, before the pivot: its steps are undone and the next candidate is tried; after
 *     the pivot it is the master: it is not tagged master any more (the role step is skipped), and it is taken over
 *     in turn while the takeover that made it goes on (its replacement, the former master's fate);</li>
 * <li>the front (the running master) whose HAProxy a step configures: the step is sent again to the next front;</li>
 * <li>the instance a takeover is already about (a planned takeover's master being stopped): nothing new.</li>
 * </ul>
 * Then {@link Reconciliation} starts what the failure itself needs. A failure of an instance that is not running in
 * the saga's books (already failed, fenced, unknown), or that serves no traffic (a utility), is absorbed. A recovery puts back to running an
 * instance whose failure nothing acts on yet (paused, or deferred after a failed takeover).
 */
final class Failures {
    private Failures() {
    }

    static void onFailure(Reaction reaction, Input.InstanceFailed failure) {
        Environment environment = reaction.environment();
        Instance failed = environment.instance(failure.instanceId()).filter(Instance::running)
                .filter(Instance::servesApp).orElse(null);
        if (failed == null || environment.handled(failed.id())) {
            return;
        }
        boolean wasFront = environment.runningMaster().map(m -> m.id().equals(failed.id())).orElse(false);
        reaction.update(environment.updateInstance(failed.id(), i -> i.withStatus(Instance.Status.FAILED)));
        for (Takeover takeover : List.copyOf(reaction.environment().takeovers())) {
            reaction.focus(takeover.id());
            if (failed.id().equals(takeover.candidateInstanceId())) {
                candidateLost(reaction, failure);
            }
            if (wasFront && reaction.takeover() != null) {
                frontLost(reaction, failed.id());
            }
        }
    }

    static void onRecovery(Reaction reaction, Input.HealthNotice recovered) {
        Environment environment = reaction.environment();
        boolean waiting = environment.instance(recovered.instanceId())
                .map(i -> i.status() == Instance.Status.FAILED).orElse(false) && !environment.handled(recovered.instanceId());
        if (waiting) {
            reaction.update(environment.updateInstance(recovered.instanceId(), i -> i.withStatus(Instance.Status.RUNNING))
                    .deferredUntil(recovered.instanceId(), null));
        }
    }

    private static void candidateLost(Reaction reaction, Input.InstanceFailed failure) {
        String reason = "candidate " + failure.instanceId() + " failed: " + failure.reason();
        Takeover takeover = reaction.takeover();
        if (!takeover.pivoted()) {
            if (!takeover.aborting()) {
                reaction.updateTakeover(takeover.abort(reason));
            }
            giveUpOnItsHaproxy(reaction, reason);
            return;
        }
        Step<?> role = TakeoverPlans.of(takeover.kind()).step(TakeoverPlans.ROLE);
        takeover.step(role.name()).filter(p -> !p.done())
                .ifPresent(p -> Release.skip(reaction, role, "the new master " + reason + " after the pivot; it is taken over in turn"));
    }

    /**
     * A step talking to the candidate's own HAProxy will get no answer worth waiting for, and there is nothing to
     * restore on a dead candidate: the undoing goes on without it.
     */
    private static void giveUpOnItsHaproxy(Reaction reaction, String reason) {
        for (Step<?> step : TakeoverPlans.of(reaction.takeover().kind()).steps()) {
            reaction.takeover().step(step.name())
                    .filter(p -> step.onCandidateHaproxy() && p.is(StepProgress.Status.RUNNING))
                    .ifPresent(p -> StepFailures.fail(reaction, step, p, "given up: " + reason, false));
        }
    }

    /** Front steps sent to the failed master go again, with a new attempt, to whoever is master next. */
    private static void frontLost(Reaction reaction, String front) {
        for (Step<?> step : TakeoverPlans.of(reaction.takeover().kind()).steps()) {
            StepProgress progress = reaction.takeover().step(step.name()).orElse(null);
            if (!step.front() || progress == null || !(progress.is(StepProgress.Status.RUNNING) || progress.waitingToRetry())) {
                continue;
            }
            String why = "the master " + front + " whose HAProxy it configures failed; sent again to the next master";
            reaction.updateTakeover(reaction.takeover().withStep(progress.reset(why)));
            reaction.tell(new Event.StepFailed(reaction.meta(progress.commandId() + "/reset"), step.name(),
                    progress.attempt(), progress.commandId(), progress.startedAt(), why, true));
        }
    }
}
