package io.understudy.provisioner.role;

import io.understudy.contract.SetInstanceRole;
import io.understudy.ec2.Ec2Errors;
import io.understudy.ec2.Waits;
import io.understudy.execution.CommandHandler;
import io.understudy.execution.Outcome;
import io.understudy.provisioner.fleet.Fleet;
import io.understudy.provisioner.fleet.ProvisionerSettings;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Map;
import java.util.Optional;

/**
 * Moves master duties by rewriting the instance's role tag. Writing a tag is idempotent by nature; the
 * result is what DescribeTags shows, since that is what the instance's agent will read.
 */
@Singleton
public class SetInstanceRoleHandler implements CommandHandler<SetInstanceRole> {
    public static final String ROLE = "role";

    private final Fleet fleet;
    private final Waits waits;
    private final ProvisionerSettings settings;

    public SetInstanceRoleHandler(Fleet fleet, Waits waits, ProvisionerSettings settings) {
        this.fleet = fleet;
        this.waits = waits;
        this.settings = settings;
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
            if (fleet.find(instanceId).isEmpty()) {
                return Outcome.failedPermanently("cannot " + attempted + ": EC2 knows no instance " + instanceId);
            }
            fleet.tag(instanceId, RoleTag.KEY, role.get());
            Optional<String> shown = waits.until(() -> fleet.tagValue(instanceId, RoleTag.KEY), role::equals,
                    settings.getTagTimeout());
            if (!shown.equals(role)) {
                return Outcome.failedRetriably("cannot " + attempted + ": DescribeTags still shows "
                        + shown.orElse("no role"));
            }
            return Outcome.succeeded(Map.of(ROLE, role.get()));
        } catch (SdkException e) {
            return Ec2Errors.outcome(attempted, e);
        }
    }
}
