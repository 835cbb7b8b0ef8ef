package io.understudy.volume.store;

import io.understudy.contract.EventMetadata;
import io.understudy.ec2.CloudCallFailed;
import io.understudy.ec2.Ownership;

import java.util.Optional;

/**
 * The cloud's side of the data volume, the port volume-manager's handlers use: snapshots, volumes made from them,
 * attachments, and waiting until each reaches its state. {@code io.understudy.volume.aws.Ebs} is the adapter for
 * EBS; docs/architecture.md says what another provider's must guarantee. Every call throws {@link CloudCallFailed},
 * classified, when the cloud refuses or cannot be reached, and a wait that runs out of time is a retriable one.
 */
public interface Volumes {

    /** A pending or completed snapshot an earlier delivery of this command started; an errored one does not count. */
    Optional<String> snapshotMadeBy(String commandId);

    /** Starts a snapshot of {@code volumeId}, tagged in the same call with where it comes from ({@code madeFor}). */
    String createSnapshot(String volumeId, EventMetadata madeFor);

    void awaitSnapshotCompleted(String snapshotId);

    /** A volume an earlier delivery of this command created, unless it is already on its way out. */
    Optional<String> volumeMadeBy(String commandId);

    /** Creates a volume from {@code snapshotId} in {@code zone}, once per command, tagged in the same call. */
    String createVolume(String snapshotId, String zone, EventMetadata madeFor);

    void awaitVolumeAvailable(String volumeId);

    /** Empty when the cloud does not know the volume (never created, or deleted). */
    Optional<DataVolume> volume(String volumeId);

    /** The snapshot with its tags; empty when the cloud does not know it. */
    Optional<Ownership.Tagged> snapshot(String snapshotId);

    /** The instance a volume goes to or comes from, with its tags, for the ownership check; empty when unknown. */
    Optional<Ownership.Tagged> instance(String instanceId);

    void attach(String volumeId, String instanceId, String device);

    /** Waits until the volume is attached to {@code instanceId}; empty when it is not by the volume timeout. */
    Optional<DataVolume.Attachment> awaitAttached(String volumeId, String instanceId);

    void detach(String volumeId, String instanceId);

    void awaitDetached(String volumeId);

    void delete(String volumeId);

    void awaitDeleted(String volumeId);
}
