package io.understudy.volume.ebs;

import io.understudy.ec2.ClientTokens;
import io.understudy.ec2.Ec2Errors;
import io.understudy.ec2.Ownership;
import io.understudy.ec2.Provenance;
import io.understudy.ec2.Waits;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;
import software.amazon.awssdk.services.ec2.model.VolumeAttachmentState;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The EBS calls of volume-manager: snapshots, volumes, attachments, and waiting for their states. */
@Singleton
public class Ebs {
    private final Ec2Client ec2;
    private final Waits waits;
    private final VolumeSettings settings;

    public Ebs(Ec2Client ec2, Waits waits, VolumeSettings settings) {
        this.ec2 = ec2;
        this.waits = waits;
        this.settings = settings;
    }

    /** A pending or completed snapshot an earlier delivery of this command started; an errored one does not count. */
    public Optional<String> snapshotMadeBy(String commandId) {
        return ec2.describeSnapshots(r -> r.ownerIds("self").filters(Provenance.madeBy(commandId),
                        Filter.builder().name("status").values("pending", "completed").build()))
                .snapshots().stream()
                .sorted(Comparator.comparing(Snapshot::startTime))
                .map(Snapshot::snapshotId)
                .findFirst();
    }

    public String createSnapshot(String volumeId, List<Tag> tags) {
        return ec2.createSnapshot(r -> r.volumeId(volumeId)
                        .description("understudy: /data of " + volumeId + " for a takeover")
                        .tagSpecifications(Provenance.on(ResourceType.SNAPSHOT, tags)))
                .snapshotId();
    }

    public void awaitSnapshotCompleted(String snapshotId) {
        try (Ec2Waiter waiter = waiter(settings.getSnapshotTimeout())) {
            waiter.waitUntilSnapshotCompleted(r -> r.snapshotIds(snapshotId));
        }
    }

    /** A volume an earlier delivery of this command created, unless it is already on its way out. */
    public Optional<String> volumeMadeBy(String commandId) {
        return ec2.describeVolumes(r -> r.filters(Provenance.madeBy(commandId),
                        Filter.builder().name("status").values("creating", "available", "in-use").build()))
                .volumes().stream()
                .sorted(Comparator.comparing(Volume::createTime))
                .map(Volume::volumeId)
                .findFirst();
    }

    public String createVolume(String snapshotId, String zone, List<Tag> tags, String commandId) {
        return ec2.createVolume(r -> r.snapshotId(snapshotId).availabilityZone(zone)
                        .volumeType(settings.getVolumeType())
                        .clientToken(ClientTokens.of(commandId))
                        .tagSpecifications(Provenance.on(ResourceType.VOLUME, tags)))
                .volumeId();
    }

    public void awaitVolumeAvailable(String volumeId) {
        try (Ec2Waiter waiter = waiter(settings.getVolumeTimeout())) {
            waiter.waitUntilVolumeAvailable(r -> r.volumeIds(volumeId));
        }
    }

    /** Empty when EC2 does not know the volume (never created, or deleted). */
    public Optional<Volume> volume(String volumeId) {
        try {
            return ec2.describeVolumes(r -> r.volumeIds(volumeId)).volumes().stream().findFirst();
        } catch (SdkException e) {
            if (Ec2Errors.hasCode(e, "InvalidVolume.NotFound")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Empty when EC2 does not know the snapshot. */
    public Optional<Snapshot> snapshot(String snapshotId) {
        try {
            return ec2.describeSnapshots(r -> r.snapshotIds(snapshotId)).snapshots().stream().findFirst();
        } catch (SdkException e) {
            if (Ec2Errors.hasCode(e, "InvalidSnapshot.NotFound")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The instance a volume goes to or comes from, with its tags, for the ownership check; empty when EC2 does not
     * know it. One DescribeInstances: the attachment calls name the instance but describe only the volume.
     */
    public Optional<Ownership.Tagged> instance(String instanceId) {
        try {
            return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().stream()
                    .flatMap(r -> r.instances().stream())
                    .map(i -> new Ownership.Tagged(i.instanceId(), i.tags()))
                    .findFirst();
        } catch (SdkException e) {
            if (Ec2Errors.hasCode(e, "InvalidInstanceID.NotFound")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public static Ownership.Tagged tagged(Volume volume) {
        return new Ownership.Tagged(volume.volumeId(), volume.tags());
    }

    public static Ownership.Tagged tagged(Snapshot snapshot) {
        return new Ownership.Tagged(snapshot.snapshotId(), snapshot.tags());
    }

    public static Optional<VolumeAttachment> attachmentTo(Volume volume, String instanceId) {
        return volume.attachments().stream()
                .filter(a -> instanceId.equals(a.instanceId()))
                .filter(a -> a.state() != VolumeAttachmentState.DETACHED)
                .findFirst();
    }

    public void attach(String volumeId, String instanceId, String device) {
        ec2.attachVolume(r -> r.volumeId(volumeId).instanceId(instanceId).device(device));
    }

    /** Waits for {@code in-use}, then for this instance's attachment to leave {@code attaching}. */
    public Optional<VolumeAttachment> awaitAttached(String volumeId, String instanceId) {
        try (Ec2Waiter waiter = waiter(settings.getVolumeTimeout())) {
            waiter.waitUntilVolumeInUse(r -> r.volumeIds(volumeId));
        }
        return waits.until(() -> volume(volumeId).flatMap(v -> attachmentTo(v, instanceId)),
                        a -> a.map(it -> it.state() == VolumeAttachmentState.ATTACHED).orElse(false),
                        settings.getVolumeTimeout())
                .filter(a -> a.state() == VolumeAttachmentState.ATTACHED);
    }

    public void detach(String volumeId, String instanceId) {
        ec2.detachVolume(r -> r.volumeId(volumeId).instanceId(instanceId));
    }

    public void awaitDetached(String volumeId) {
        try (Ec2Waiter waiter = waiter(settings.getVolumeTimeout())) {
            waiter.waitUntilVolumeAvailable(r -> r.volumeIds(volumeId));
        }
    }

    public void delete(String volumeId) {
        ec2.deleteVolume(r -> r.volumeId(volumeId));
    }

    public void awaitDeleted(String volumeId) {
        try (Ec2Waiter waiter = waiter(settings.getVolumeTimeout())) {
            waiter.waitUntilVolumeDeleted(r -> r.volumeIds(volumeId));
        }
    }

    private Ec2Waiter waiter(Duration timeout) {
        return Ec2Waiter.builder().client(ec2).overrideConfiguration(waits.upTo(timeout)).build();
    }
}
