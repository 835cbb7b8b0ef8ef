package io.understudy.health.watch;

import io.understudy.contract.EnvironmentState;
import io.understudy.contract.Instance;
import io.understudy.contract.InstanceStatus;
import io.understudy.contract.Role;
import io.understudy.health.detection.InstanceRef;

import java.util.List;
import java.util.Set;

/**
 * Which instances of an environment are probed: app instances that are up or coming up. Fenced,
 * failed and terminated instances are someone else's business by then; utility instances serve no traffic.
 */
public final class ProbeTargets {
    private static final Set<Role> APP_ROLES = Set.of(Role.APP_MASTER, Role.APP_SLAVE);
    private static final Set<InstanceStatus> PROBED = Set.of(InstanceStatus.RUNNING, InstanceStatus.BOOTING);

    private ProbeTargets() {
    }

    public static List<ProbeTarget> of(String environmentId, EnvironmentState state) {
        return state.getInstances().stream()
                .filter(ProbeTargets::probed)
                .map(i -> new ProbeTarget(new InstanceRef(environmentId, i.getInstanceId()), i.getPrivateAddress()))
                .toList();
    }

    private static boolean probed(Instance instance) {
        return APP_ROLES.contains(instance.getRole())
                && PROBED.contains(instance.getStatus())
                && instance.getPrivateAddress() != null
                && !instance.getPrivateAddress().isBlank();
    }
}
