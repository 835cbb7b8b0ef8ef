package io.understudy.provisioner.start;

import io.understudy.contract.InstanceStarted;
import io.understudy.contract.StartInstance;
import io.understudy.ec2.CloudCallFailed;
import io.understudy.ec2.Ec2Failure;
import io.understudy.ec2.Ownership;
import io.understudy.execution.CommandHandler;
import io.understudy.execution.Outcome;
import io.understudy.provisioner.fleet.Fleet;
import io.understudy.provisioner.fleet.Instance;
import io.understudy.provisioner.fleet.InstanceState;
import io.understudy.provisioner.fleet.ProvisionerSettings;
import io.understudy.provisioner.role.RoleAssignment;
import io.understudy.provisioner.role.RoleTag;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.Set;

/**
 * Starts a stopped instance again: the fenced former master once it is tagged a utility instance, or a master whose
 * planned takeover was undone. The goal is "running": an instance running or on its way already is a success, one
 * still stopping is waited for and then started. One that is gone (terminated, or unknown to EC2) cannot be
 * started: a permanent failure.
 *
 * <p>A command with a role has it tagged, and shown by DescribeTags, before StartInstances: the instance's agent
 * reads its role as it boots, and started with the old one (fenced, say) it would not take up master duties.
 * An instance that is not the command's environment's is refused before either ({@link Ownership}).
 */
@Singleton
public class StartInstanceHandler implements CommandHandler<StartInstance> {
    private static final Set<InstanceState> GONE = Set.of(InstanceState.TERMINATED, InstanceState.SHUTTING_DOWN);

    private final Fleet fleet;
    private final RoleAssignment roles;
    private final ProvisionerSettings settings;

    public StartInstanceHandler(Fleet fleet, RoleAssignment roles, ProvisionerSettings settings) {
        this.fleet = fleet;
        this.roles = roles;
        this.settings = settings;
    }

    @Override
    public Class<StartInstance> commandType() {
        return StartInstance.class;
    }

    @Override
    public Outcome handle(StartInstance command) {
        String instanceId = command.getInstanceId();
        Optional<String> role = RoleTag.valueOf(command.getRole());
        String attempted = "start " + instanceId + (command.getRole() == null ? ""
                : " as " + role.orElse(String.valueOf(command.getRole())));
        if (command.getRole() != null && role.isEmpty()) {
            return Outcome.failedPermanently("cannot " + attempted + ": " + command.getRole() + " is no role");
        }
        try {
            Optional<Instance> instance = fleet.find(instanceId);
            Optional<Ec2Failure> notOwned = instance.flatMap(i -> Ownership.refusal(attempted,
                    command.getMeta().getEnvironmentId(), i.tagged()));
            if (notOwned.isPresent()) {
                return notOwned.get().into(Outcome::failed);
            }
            Optional<InstanceState> state = instance.map(Instance::state);
            if (state.isEmpty() || GONE.contains(state.get())) {
                return Outcome.failedPermanently("cannot " + attempted + ": it is "
                        + state.map(InstanceState::toString).orElse("unknown to EC2"));
            }
            if (role.isPresent()) {
                Optional<Outcome> untagged = roles.assign(instanceId, role.get(), attempted);
                if (untagged.isPresent()) {
                    return untagged.get();
                }
            }
            if (state.get() == InstanceState.STOPPING) {
                fleet.awaitStopped(instanceId, settings.getStopTimeout());
            }
            if (state.get() == InstanceState.STOPPING || state.get() == InstanceState.STOPPED) {
                fleet.start(instanceId);
            }
            Instance running = fleet.awaitRunning(instanceId, settings.getBootTimeout());
            String now = running.state().toString();
            return Outcome.succeeded(new InstanceStarted(now, role.orElse(null)));
        } catch (CloudCallFailed e) {
            return e.failure(attempted).into(Outcome::failed);
        }
    }
}
