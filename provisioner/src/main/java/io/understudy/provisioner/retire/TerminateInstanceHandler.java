package io.understudy.provisioner.retire;

import io.understudy.contract.InstanceTerminated;
import io.understudy.contract.TerminateInstance;
import io.understudy.ec2.CloudCallFailed;
import io.understudy.ec2.Ec2Failure;
import io.understudy.ec2.Ownership;
import io.understudy.execution.CommandHandler;
import io.understudy.execution.Outcome;
import io.understudy.provisioner.fleet.Fleet;
import io.understudy.provisioner.fleet.Instance;
import io.understudy.provisioner.fleet.InstanceState;
import io.understudy.provisioner.fleet.ProvisionerSettings;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Terminates an instance (clean-up, or undoing a boot). The goal is "gone": an instance already terminated,
 * or one EC2 no longer lists at all (terminated instances vanish after about an hour), is a success. One that is
 * not the command's environment's is refused, terminated or not ({@link Ownership}).
 */
@Singleton
public class TerminateInstanceHandler implements CommandHandler<TerminateInstance> {
    private final Fleet fleet;
    private final ProvisionerSettings settings;

    public TerminateInstanceHandler(Fleet fleet, ProvisionerSettings settings) {
        this.fleet = fleet;
        this.settings = settings;
    }

    @Override
    public Class<TerminateInstance> commandType() {
        return TerminateInstance.class;
    }

    @Override
    public Outcome handle(TerminateInstance command) {
        String instanceId = command.getInstanceId();
        String attempted = "terminate " + instanceId;
        try {
            Optional<Instance> instance = fleet.find(instanceId);
            Optional<Ec2Failure> notOwned = instance.flatMap(i -> Ownership.refusal(attempted,
                    command.getMeta().getEnvironmentId(), i.tagged()));
            if (notOwned.isPresent()) {
                return notOwned.get().into(Outcome::failed);
            }
            if (instance.isPresent() && instance.get().state() != InstanceState.TERMINATED) {
                terminate(instanceId);
                fleet.awaitTerminated(instanceId, settings.getTerminateTimeout());
            }
            return Outcome.succeeded(new InstanceTerminated(InstanceState.TERMINATED.toString()));
        } catch (CloudCallFailed e) {
            return e.failure(attempted).into(Outcome::failed);
        }
    }

    private void terminate(String instanceId) {
        try {
            fleet.terminate(instanceId);
        } catch (CloudCallFailed e) {
            if (!e.hasCode("InvalidInstanceID.NotFound")) {
                throw e;
            }
        }
    }
}
