package io.understudy.provisioner.role;

import io.understudy.contract.RoleSet;
import io.understudy.contract.SetInstanceRole;
import io.understudy.ec2.CloudCallFailed;
import io.understudy.ec2.Ec2Failure;
import io.understudy.ec2.Ownership;
import io.understudy.execution.CommandHandler;
import io.understudy.execution.Outcome;
import io.understudy.provisioner.fleet.Fleet;
import io.understudy.provisioner.fleet.Instance;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Moves master duties by rewriting the instance's role tag. Writing a tag is idempotent by nature; the
 * result is what DescribeTags shows, since that is what the instance's agent will read ({@link RoleAssignment}).
 * Only an instance of the command's environment gets a role ({@link Ownership}): a master role given to another
 * environment's instance would start its cron.
 */
@Singleton
public class SetInstanceRoleHandler implements CommandHandler<SetInstanceRole> {
    private final Fleet fleet;
    private final RoleAssignment roles;

    public SetInstanceRoleHandler(Fleet fleet, RoleAssignment roles) {
        this.fleet = fleet;
        this.roles = roles;
    }

    @Override
    public Class<SetInstanceRole> commandType() {
        return SetInstanceRole.class;
    }

    @Override
    public Outcome handle(SetInstanceRole command) {
        String instanceId = command.getInstanceId();
        Optional<String> role = RoleTag.valueOf(command.getRole());
        String attempted = "make " + instanceId + " " + role.orElse(String.valueOf(command.getRole()));
        if (role.isEmpty()) {
            return Outcome.failedPermanently("cannot " + attempted + ": " + command.getRole() + " is no role");
        }
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
            return roles.assign(instanceId, role.get(), attempted)
                    .orElseGet(() -> Outcome.succeeded(new RoleSet(role.get())));
        } catch (CloudCallFailed e) {
            return e.failure(attempted).into(Outcome::failed);
        }
    }
}
