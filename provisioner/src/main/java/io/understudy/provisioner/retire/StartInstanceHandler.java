package io.understudy.provisioner.retire;

import io.understudy.contract.StartInstance;
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
 * Starts the fenced former master again once it is tagged a utility instance. The goal is "running": an instance
 * running or on its way already is a success, one still stopping is waited for and then started. One that is gone
 * (terminated, or unknown to EC2) cannot be started: a permanent failure.
 */
@Singleton
public class StartInstanceHandler implements CommandHandler<StartInstance> {
    public static final String STATE = "state";
    private static final Set<InstanceStateName> GONE = Set.of(InstanceStateName.TERMINATED, InstanceStateName.SHUTTING_DOWN);

    private final Fleet fleet;
    private final ProvisionerSettings settings;

    public StartInstanceHandler(Fleet fleet, ProvisionerSettings settings) {
        this.fleet = fleet;
        this.settings = settings;
    }

    @Override
    public Class<StartInstance> commandType() {
        return StartInstance.class;
    }

    @Override
    public Outcome handle(StartInstance command) {
        String instanceId = command.getInstanceId();
        String attempted = "start " + instanceId;
        try {
            Optional<InstanceStateName> state = fleet.find(instanceId).map(Fleet::state);
            if (state.isEmpty() || GONE.contains(state.get())) {
                return Outcome.failedPermanently("cannot " + attempted + ": it is "
                        + state.map(InstanceStateName::toString).orElse("unknown to EC2"));
            }
            if (state.get() == InstanceStateName.STOPPING) {
                fleet.awaitStopped(instanceId, settings.getStopTimeout());
            }
            if (state.get() == InstanceStateName.STOPPING || state.get() == InstanceStateName.STOPPED) {
                fleet.start(instanceId);
            }
            Instance running = fleet.awaitRunning(instanceId, settings.getBootTimeout());
            return Outcome.succeeded(Map.of(STATE, Fleet.state(running).toString()));
        } catch (SdkException e) {
            return Ec2Errors.outcome(attempted, e);
        }
    }
}
