package io.understudy.provisioner.fence;

import io.understudy.contract.InstanceStopped;
import io.understudy.contract.Role;
import io.understudy.contract.StopInstance;
import io.understudy.ec2.CloudCallFailed;
import io.understudy.ec2.Ec2Failure;
import io.understudy.ec2.Ownership;
import io.understudy.execution.CommandHandler;
import io.understudy.execution.Outcome;
import io.understudy.provisioner.fleet.Fleet;
import io.understudy.provisioner.fleet.Instance;
import io.understudy.provisioner.fleet.InstanceState;
import io.understudy.provisioner.fleet.ProvisionerSettings;
import io.understudy.provisioner.role.RoleTag;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Fences the failed master (forced stop) or stops it gracefully for a planned takeover, so two masters never
 * serve or run cron at once. The goal is "not running": stopped or terminated already is a success. An
 * instance EC2 does not know is a permanent failure, not a success: a wrong id would leave the real master
 * unfenced.
 *
 * <p>With {@code fence}, the role goes first: the role tag becomes {@code fenced} before the stop, so that an
 * instance someone starts again by hand never runs master duties, and a half-alive one drops them at once. A
 * stopped instance is only fenced once it carries that tag too; a terminated one never runs again and needs none.
 *
 * <p>Only an instance of the command's environment is touched ({@link Ownership}): one that another environment, or
 * none, carries is refused before anything changes, stopped or not, so a wrong id never stops an unrelated instance.
 */
@Singleton
public class StopInstanceHandler implements CommandHandler<StopInstance> {
    private static final String FENCED = RoleTag.valueOf(Role.FENCED).orElseThrow();

    private final Fleet fleet;
    private final ProvisionerSettings settings;

    public StopInstanceHandler(Fleet fleet, ProvisionerSettings settings) {
        this.fleet = fleet;
        this.settings = settings;
    }

    @Override
    public Class<StopInstance> commandType() {
        return StopInstance.class;
    }

    @Override
    public Outcome handle(StopInstance command) {
        String instanceId = command.getInstanceId();
        boolean fence = command.getFence();
        String stop = command.getForce() ? "force-stop" : "stop";
        String attempted = fence ? "fence " + instanceId + " (" + RoleTag.KEY + "=" + FENCED + ", then " + stop + ")"
                : stop + " " + instanceId;
        try {
            Optional<Instance> instance = fleet.find(instanceId);
            if (instance.isEmpty()) {
                return Outcome.failedPermanently("cannot " + attempted + ": EC2 knows no instance " + instanceId);
            }
            Optional<Ec2Failure> notOwned = Ownership.refusal(attempted, command.getMeta().getEnvironmentId(),
                    instance.get().tagged());
            if (notOwned.isPresent()) {
                return notOwned.get().into(Outcome::failed);
            }
            Optional<Outcome> done = stopped(instance.get(), fence);
            if (done.isPresent()) {
                return done.get();
            }
            InstanceState state = instance.get().state();
            if (state == InstanceState.SHUTTING_DOWN) {
                fleet.awaitTerminated(instanceId, settings.getStopTimeout());
                return outcome(InstanceState.TERMINATED, false);
            }
            if (fence && !hasFencedRole(instance.get())) {
                fleet.tag(instanceId, RoleTag.KEY, FENCED);
            }
            if (state != InstanceState.STOPPED) {
                fleet.stop(instanceId, command.getForce());
                fleet.awaitStopped(instanceId, settings.getStopTimeout());
            }
            return outcome(InstanceState.STOPPED, fence);
        } catch (CloudCallFailed e) {
            return described(instanceId).flatMap(after -> stopped(after, fence))
                    .orElseGet(() -> e.failure(attempted).into(Outcome::failed));
        }
    }

    /** The goal reached already: terminated, or stopped (and tagged fenced when the command asks for the fence). */
    private static Optional<Outcome> stopped(Instance instance, boolean fence) {
        InstanceState state = instance.state();
        if (state == InstanceState.TERMINATED) {
            return Optional.of(outcome(state, false));
        }
        if (state == InstanceState.STOPPED && (!fence || hasFencedRole(instance))) {
            return Optional.of(outcome(state, fence));
        }
        return Optional.empty();
    }

    private static boolean hasFencedRole(Instance instance) {
        return instance.carries(RoleTag.KEY, FENCED);
    }

    /** A waiter fails when the instance terminates instead of stopping: for a fence that is still a success. */
    private Optional<Instance> described(String instanceId) {
        try {
            return fleet.find(instanceId);
        } catch (CloudCallFailed e) {
            return Optional.empty();
        }
    }

    private static Outcome outcome(InstanceState state, boolean fenced) {
        // the role reported is the one a fence leaves on the instance
        return Outcome.succeeded(new InstanceStopped(state.toString(), fenced ? FENCED : null));
    }
}
