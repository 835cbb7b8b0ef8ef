package io.understudy.provisioner.boot;

import io.understudy.contract.InstanceLaunched;
import io.understudy.contract.RunInstance;
import io.understudy.ec2.CloudCallFailed;
import io.understudy.ec2.Ec2Errors;
import io.understudy.execution.CommandHandler;
import io.understudy.execution.Outcome;
import io.understudy.provisioner.fleet.Fleet;
import io.understudy.provisioner.fleet.Instance;
import io.understudy.provisioner.fleet.InstanceState;
import io.understudy.provisioner.fleet.ProvisionerSettings;
import io.understudy.provisioner.placement.Placement;
import io.understudy.provisioner.placement.SpreadPolicy;
import io.understudy.provisioner.role.RoleTag;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Boots a replacement instance on the environment's stack version and waits until it runs and passes EC2's
 * status checks. The place comes from the spread policy; a zone out of capacity (InsufficientInstanceCapacity)
 * sends the launch to the next place. Idempotent twice over: client tokens per place, and a live instance
 * carrying the command tag is reused. An instance that dies while booting fails the command for good: with the
 * same client token EC2 would only hand the dead one back.
 */
@Singleton
public class RunInstanceHandler implements CommandHandler<RunInstance> {
    private static final Set<InstanceState> DEAD = Set.of(InstanceState.SHUTTING_DOWN, InstanceState.TERMINATED,
            InstanceState.STOPPING, InstanceState.STOPPED);
    /** Answers that concern one zone or subnet only: another place may well take the instance. */
    private static final String[] PLACE_IS_FULL = {"InsufficientInstanceCapacity", "InsufficientFreeAddressesInSubnet",
            "InsufficientCapacity", "InsufficientHostCapacity", "Unsupported"};

    private final Fleet fleet;
    private final ProvisionerSettings settings;

    public RunInstanceHandler(Fleet fleet, ProvisionerSettings settings) {
        this.fleet = fleet;
        this.settings = settings;
    }

    @Override
    public Class<RunInstance> commandType() {
        return RunInstance.class;
    }

    @Override
    public Outcome handle(RunInstance command) {
        String attempted = "boot " + command.getImageId() + " (" + command.getStackVersion() + ") in "
                + command.getAvailabilityZone();
        if (RoleTag.valueOf(command.getRole()).isEmpty()) {
            return Outcome.failedPermanently("cannot " + attempted + ": role " + command.getRole() + " is no role");
        }
        LaunchSpec spec = LaunchSpec.of(command, settings);
        String instanceId = null;
        List<String> full = new ArrayList<>();
        try {
            Optional<Instance> earlier = fleet.launchedBy(command.getMeta().getEventId());
            Optional<Instance> launched = earlier.isPresent() ? earlier
                    : launchSomewhere(spec, command.getMeta().getEnvironmentId(), full);
            if (launched.isEmpty()) {
                return Ec2Errors.failure(true, "InsufficientInstanceCapacity", "cannot " + attempted
                        + ": InsufficientInstanceCapacity: no capacity in " + String.join(", ", full)).into(Outcome::failed);
            }
            instanceId = launched.get().id();
            Instance running = fleet.awaitRunning(instanceId, settings.getBootTimeout());
            if (settings.isAwaitStatusOk()) {
                fleet.awaitStatusOk(instanceId, settings.getBootTimeout());
            }
            return Outcome.succeeded(outputs(running, full));
        } catch (CloudCallFailed e) {
            return diedWhileBooting(instanceId)
                    .map(state -> Ec2Errors.failure(false, "", "cannot " + attempted + ": " + spec.clientToken()
                            + " launched an instance that went " + state + " while booting"))
                    .orElseGet(() -> e.failure(attempted)).into(Outcome::failed);
        }
    }

    /** Tries each place in the policy's order; empty when every one was out of capacity. */
    private Optional<Instance> launchSomewhere(LaunchSpec spec, String environmentId, List<String> full) {
        for (Placement place : placements(spec, environmentId)) {
            try {
                return Optional.of(fleet.launch(spec.in(place)));
            } catch (CloudCallFailed e) {
                if (!e.hasCode(PLACE_IS_FULL)) {
                    throw e;
                }
                full.add(place.availabilityZone());
            }
        }
        return Optional.empty();
    }

    private List<Placement> placements(LaunchSpec spec, String environmentId) {
        if (spec.subnetId().isEmpty()) {
            return List.of(spec.requested());
        }
        List<Placement> group = fleet.subnetGroupOf(spec.subnetId().get(), settings.getSubnetGroupTag());
        Map<String, Integer> live = group.isEmpty() ? Map.of() : fleet.liveByZone(environmentId);
        return SpreadPolicy.order(settings.placementMode(), spec.requested(), group, live);
    }

    /** {@code full}: zones that answered InsufficientInstanceCapacity before one took the instance. */
    private static InstanceLaunched outputs(Instance running, List<String> full) {
        return new InstanceLaunched(running.id(), running.privateAddress(), running.zone(), running.subnetId(),
                running.imageId(), List.copyOf(full));
    }

    private Optional<InstanceState> diedWhileBooting(String instanceId) {
        if (instanceId == null) {
            return Optional.empty();
        }
        try {
            return fleet.find(instanceId).map(Instance::state).filter(DEAD::contains);
        } catch (CloudCallFailed e) {
            return Optional.empty();
        }
    }
}
