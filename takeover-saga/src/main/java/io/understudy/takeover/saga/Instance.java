package io.understudy.takeover.saga;

import java.util.Objects;

/** One server of an environment as the orchestrator knows it. {@code dataVolumeId} is null when it has none. */
public record Instance(String id, Role role, String privateAddress, String availabilityZone,
                       String stackVersion, String imageId, String dataVolumeId, Status status) {

    /** FENCED: stopped by Understudy and stripped of its role, so that started by hand it never runs master duties. */
    public enum Role { APP_MASTER, APP_SLAVE, UTILITY, FENCED, UNKNOWN }

    /**
     * FAILED is what the health monitor said; FENCED means we stopped it (and tagged it {@code fenced} in the cloud),
     * so it can no longer serve or run cron. A fenced instance keeps its role here, for the record: a fenced APP_MASTER
     * is the environment's former master.
     */
    public enum Status { BOOTING, RUNNING, FAILED, FENCED, TERMINATED, UNKNOWN }

    public Instance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(status, "status");
    }

    public boolean running() {
        return status == Status.RUNNING;
    }

    public boolean servesApp() {
        return role == Role.APP_MASTER || role == Role.APP_SLAVE;
    }

    public boolean hasDataVolume() {
        return dataVolumeId != null && !dataVolumeId.isBlank();
    }

    public Instance withStatus(Status newStatus) {
        return new Instance(id, role, privateAddress, availabilityZone, stackVersion, imageId, dataVolumeId, newStatus);
    }

    public Instance withDataVolume(String volumeId) {
        return new Instance(id, role, privateAddress, availabilityZone, stackVersion, imageId, volumeId, status);
    }

    public Instance withRole(Role newRole) {
        return new Instance(id, newRole, privateAddress, availabilityZone, stackVersion, imageId, dataVolumeId, status);
    }
}
