package io.understudy.takeover.saga;

import java.util.List;

/** What a command asks an executing service to do. */
public sealed interface Action {

    /**
     * The fence: the role is taken away first (the role tag becomes {@code fenced}), then the instance stops; forced
     * for a failure, since an instance that might still be half alive must stop now, not after a clean shutdown.
     */
    record StopInstance(String instanceId, boolean force) implements Action {
    }

    /**
     * A stopped instance runs again (on new hardware in EC2's case): a fenced former master kept as a utility, or a
     * master whose planned takeover failed. {@code role}, when not null, is tagged before it starts.
     */
    record StartInstance(String instanceId, Instance.Role role) implements Action {
    }

    /** Before a registration is taken in: do its instances, volumes and address carry the environment's tag? */
    record VerifyRegistration(List<String> instanceIds, List<String> volumeIds, String allocationId) implements Action {
        public VerifyRegistration {
            instanceIds = List.copyOf(instanceIds);
            volumeIds = List.copyOf(volumeIds);
        }
    }

    /** A second opinion on a failure before the forced fence, from a vantage other than the health monitor's. */
    record CorroborateFailure(String instanceId, String privateAddress) implements Action {
    }

    /** Clean-up: an instance booted by a step that was timed out or superseded, or a former master's fate. */
    record TerminateInstance(String instanceId) implements Action {
    }

    record ConfigureProxy(String instanceId, String instanceAddress, List<ProxyServer> servers) implements Action {
        public ConfigureProxy {
            servers = List.copyOf(servers);
        }
    }

    record ProxyServer(String instanceId, String address) {
    }

    record SnapshotVolume(String volumeId) implements Action {
    }

    record CreateVolumeFromSnapshot(String snapshotId, String availabilityZone) implements Action {
    }

    record AttachVolume(String volumeId, String instanceId, String device) implements Action {
    }

    record DetachVolume(String volumeId, String instanceId) implements Action {
    }

    record DeleteVolume(String volumeId) implements Action {
    }

    /** The pivot, a compare-and-set: the address is taken only from {@code expectedHolders} (or from nobody). */
    record AssociateAddress(String allocationId, String instanceId, List<String> expectedHolders) implements Action {
        public AssociateAddress {
            expectedHolders = List.copyOf(expectedHolders);
        }
    }

    record SetInstanceRole(String instanceId, Instance.Role role) implements Action {
    }

    /** {@code subnetId} is null when the environment declares no subnet for the zone (the cloud's default). */
    record RunInstance(String imageId, String stackVersion, String availabilityZone, String subnetId,
                       Instance.Role role) implements Action {
    }
}
