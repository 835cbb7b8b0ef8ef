package io.understudy.takeover.saga;

import io.understudy.contract.InstanceLaunched;
import io.understudy.contract.VolumeCreated;
import org.apache.avro.specific.SpecificRecord;

import java.util.Optional;

/**
 * A result for a command that is no longer awaited: a duplicate, an attempt that timed out or was superseded, or a
 * step of a candidate or takeover already given up. Its effect is adopted when its step still waits for exactly
 * that; what it created and nothing uses (a volume, an instance) is released; anything else is absorbed, because
 * the commands sent since (retries and undos, to the same service in the same order) already cover it. A front
 * step adopts nothing late: an earlier attempt may have gone to a front that has failed since.
 */
final class LateResults {
    private LateResults() {
    }

    static void onLate(Reaction reaction, Input.CommandResult result) {
        if (!result.succeeded()) {
            return;
        }
        Optional<Takeover> takeover = reaction.environment().takeover(TakeoverIds.takeoverOf(result.commandId()));
        if (takeover.isPresent() && adoptable(takeover.get(), result)) {
            adopt(reaction.focus(takeover.get().id()), result);
        } else {
            release(reaction, result);
        }
    }

    private static boolean adoptable(Takeover takeover, Input.CommandResult result) {
        Optional<TakeoverIds.StepRef> ref = TakeoverIds.stepOf(takeover.id(), result.commandId());
        if (ref.isEmpty() || ref.get().round() != takeover.round() || takeover.aborting()) {
            return false;
        }
        Step<?> step = TakeoverPlans.of(takeover.kind()).step(ref.get().step());
        return !step.front() && takeover.step(step.name())
                .filter(p -> p.is(StepProgress.Status.RUNNING) || p.waitingToRetry())
                .isPresent() && step.missingOutputs(result).isEmpty();
    }

    private static void adopt(Reaction reaction, Input.CommandResult result) {
        Takeover takeover = reaction.takeover();
        TakeoverIds.StepRef ref = TakeoverIds.stepOf(takeover.id(), result.commandId()).orElseThrow();
        StepResults.succeed(reaction, TakeoverPlans.of(takeover.kind()).step(ref.step()),
                takeover.step(ref.step()).orElseThrow(), result, ref.attempt());
    }

    private static void release(Reaction reaction, Input.CommandResult result) {
        Optional<Action> release = releaseOf(result.output())
                .filter(a -> !reaction.environment().refersTo(resourceOf(a)));
        if (release.isEmpty()) {
            return;
        }
        reaction.focus(TakeoverIds.takeoverOf(result.commandId()));
        reaction.send(new Command(reaction.meta(TakeoverIds.release(result.commandId())), release.get()));
    }

    /** What undoes a command that creates something; a command that changes something is covered by its step. */
    private static Optional<Action> releaseOf(SpecificRecord output) {
        if (output instanceof VolumeCreated volume) {
            return Optional.of(new Action.DeleteVolume(volume.getVolumeId()));
        }
        if (output instanceof InstanceLaunched instance) {
            return Optional.of(new Action.TerminateInstance(instance.getInstanceId()));
        }
        return Optional.empty();
    }

    private static String resourceOf(Action release) {
        return release instanceof Action.DeleteVolume d ? d.volumeId() : ((Action.TerminateInstance) release).instanceId();
    }
}
