package io.understudy.takeover.saga;

import java.util.List;

/**
 * What a command asks an executing service to do.
 *
 * <p>Every action is handled through {@link Visitor}, which has one method per action and no defaults: a new action
 * must implement {@link #accept}, that needs a new visitor method, and then every visitor (the Avro mapping to the
 * contract's command records among them) fails to compile until it handles the new action.
 */
public sealed interface Action {

    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R visit(StopInstance action);

        R visit(StartInstance action);

        R visit(VerifyRegistration action);

        R visit(CorroborateFailure action);

        R visit(TerminateInstance action);

        R visit(ConfigureProxy action);

        R visit(SnapshotVolume action);

        R visit(CreateVolumeFromSnapshot action);

        R visit(AttachVolume action);

        R visit(DetachVolume action);

        R visit(DeleteVolume action);

        R visit(AssociateAddress action);

        R visit(SetInstanceRole action);

        R visit(RunInstance action);
    }

    /**
     * The fence: the role is taken away first (the role tag becomes {@code fenced}), then the instance stops; forced
     * for a failure, since an instance that might still be half alive must stop now, not after a clean shutdown.
     */
    record StopInstance(String instanceId, boolean force) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /**
     * A stopped instance runs again (on new hardware in EC2's case): a fenced former master kept as a utility, or a
     * master whose planned takeover failed. {@code role}, when not null, is tagged before it starts.
     */
    record StartInstance(String instanceId, Instance.Role role) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Before a registration is taken in: do its instances, volumes and address carry the environment's tag? */
    record VerifyRegistration(List<String> instanceIds, List<String> volumeIds, String allocationId) implements Action {
        public VerifyRegistration {
            instanceIds = List.copyOf(instanceIds);
            volumeIds = List.copyOf(volumeIds);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** A second opinion on a failure before the forced fence, from a vantage other than the health monitor's. */
    record CorroborateFailure(String instanceId, String privateAddress) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** Clean-up: an instance booted by a step that was timed out or superseded, or a former master's fate. */
    record TerminateInstance(String instanceId) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record ConfigureProxy(String instanceId, String instanceAddress, List<ProxyServer> servers) implements Action {
        public ConfigureProxy {
            servers = List.copyOf(servers);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record ProxyServer(String instanceId, String address) {
    }

    record SnapshotVolume(String volumeId) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record CreateVolumeFromSnapshot(String snapshotId, String availabilityZone) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record AttachVolume(String volumeId, String instanceId, String device) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record DetachVolume(String volumeId, String instanceId) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record DeleteVolume(String volumeId) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** The pivot, a compare-and-set: the address is taken only from {@code expectedHolders} (or from nobody). */
    record AssociateAddress(String allocationId, String instanceId, List<String> expectedHolders) implements Action {
        public AssociateAddress {
            expectedHolders = List.copyOf(expectedHolders);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record SetInstanceRole(String instanceId, Instance.Role role) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** {@code subnetId} is null when the environment declares no subnet for the zone (the cloud's default). */
    record RunInstance(String imageId, String stackVersion, String availabilityZone, String subnetId,
                       Instance.Role role) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }
}
