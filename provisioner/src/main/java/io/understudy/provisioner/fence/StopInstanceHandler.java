package io.understudy.provisioner.fence;

import io.understudy.contract.StopInstance;
import io.understudy.ec2.Ec2Errors;
import io.understudy.execution.CommandHandler;
import io.understudy.execution.Outcome;
import io.understudy.provisioner.fleet.Fleet;
import io.understudy.provisioner.fleet.ProvisionerSettings;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fences the failed master (forced stop) or stops it gracefully for a planned takeover, so two masters never
 * serve or run cron at once. The goal is "not running": stopped or terminated already is a success. An
 * instance EC2 does not know is a permanent failure, not a success: a wrong id would leave the real master
 * unfenced.
 */
@Singleton
public class StopInstanceHandler implements CommandHandler<StopInstance> {
    public static final String STATE = "state";
    private static final Set<InstanceStateName> FENCED = Set.of(InstanceStateName.STOPPED, InstanceStateName.TERMINATED);

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
        String attempted = (command.getForce() ? "force-stop " : "stop ") + instanceId;
        try {
            Optional<Instance> instance = fleet.find(instanceId);
            if (instance.isEmpty()) {
                return Outcome.failedPermanently("cannot " + attempted + ": EC2 knows no instance " + instanceId);
            }
            InstanceStateName state = Fleet.state(instance.get());
            if (FENCED.contains(state)) {
                return fenced(state);
            }
            if (state == InstanceStateName.SHUTTING_DOWN) {
                fleet.awaitTerminated(instanceId, settings.getStopTimeout());
                return fenced(InstanceStateName.TERMINATED);
            }
            fleet.stop(instanceId, command.getForce());
            fleet.awaitStopped(instanceId, settings.getStopTimeout());
            return fenced(InstanceStateName.STOPPED);
        } catch (SdkException e) {
            return stateAfter(instanceId).filter(FENCED::contains).map(this::fenced)
                    .orElseGet(() -> Ec2Errors.outcome(attempted, e));
        }
    }

    /** A waiter fails when the instance terminates instead of stopping: for a fence that is still a success. */
    private Optional<InstanceStateName> stateAfter(String instanceId) {
        try {
            return fleet.find(instanceId).map(Fleet::state);
        } catch (SdkException e) {
            return Optional.empty();
        }
    }

    private Outcome fenced(InstanceStateName state) {
        return Outcome.succeeded(Map.of(STATE, state.toString()));
    }
}
