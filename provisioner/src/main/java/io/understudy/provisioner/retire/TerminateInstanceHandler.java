package io.understudy.provisioner.retire;

import io.understudy.contract.InstanceTerminated;
import io.understudy.contract.TerminateInstance;
import io.understudy.ec2.Ec2Errors;
import io.understudy.ec2.Ec2Failure;
import io.understudy.ec2.Ownership;
import io.understudy.execution.CommandHandler;
import io.understudy.execution.Outcome;
import io.understudy.provisioner.fleet.Fleet;
import io.understudy.provisioner.fleet.ProvisionerSettings;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

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
                    command.getMeta().getEnvironmentId(), Fleet.tagged(i)));
            if (notOwned.isPresent()) {
                return notOwned.get().into(Outcome::failed);
            }
            if (instance.isPresent() && Fleet.state(instance.get()) != InstanceStateName.TERMINATED) {
                terminate(instanceId);
                fleet.awaitTerminated(instanceId, settings.getTerminateTimeout());
            }
            return Outcome.succeeded(new InstanceTerminated(InstanceStateName.TERMINATED.toString()));
        } catch (SdkException e) {
            return Ec2Errors.failure(attempted, e).into(Outcome::failed);
        }
    }

    private void terminate(String instanceId) {
        try {
            fleet.terminate(instanceId);
        } catch (SdkException e) {
            if (!Ec2Errors.hasCode(e, "InvalidInstanceID.NotFound")) {
                throw e;
            }
        }
    }
}
