package io.understudy.volume.aws;

import io.understudy.contract.EventMetadata;
import io.understudy.ec2.ClientTokens;
import io.understudy.ec2.Ec2Errors;
import io.understudy.ec2.Ownership;
import io.understudy.ec2.Provenance;
import io.understudy.ec2.Waits;
import io.understudy.volume.ebs.VolumeSettings;
import io.understudy.volume.store.DataVolume;
import io.understudy.volume.store.Volumes;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachment;
import software.amazon.awssdk.services.ec2.model.VolumeAttachmentState;
import software.amazon.awssdk.services.ec2.model.VolumeState;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** {@link Volumes} on EBS: snapshots, volumes, attachments, and the SDK's waiters bounded by {@link Waits}. */
@Singleton
public class Ebs implements Volumes {
    private static final Set<VolumeState> GOING = Set.of(VolumeState.DELETING, VolumeState.DELETED);

    private final Ec2Client ec2;
    private final Waits waits;
    private final VolumeSettings settings;

    public Ebs(Ec2Client ec2, Waits waits, VolumeSettings settings) {
        this.ec2 = ec2;
        this.waits = waits;
        this.settings = settings;
    }

    @Override
    public Optional<String> snapshotMadeBy(String commandId) {
        return call(() -> ec2.describeSnapshots(r -> r.ownerIds("self").filters(Provenance.madeBy(commandId),
                        Filter.builder().name("status").values("pending", "completed").build()))
                .snapshots().stream()
                .sorted(Comparator.comparing(Snapshot::startTime))
                .map(Snapshot::snapshotId)
                .findFirst());
    }

    @Override
    public String createSnapshot(String volumeId, EventMetadata madeFor) {
        return call(() -> ec2.createSnapshot(r -> r.volumeId(volumeId)
                        .description("understudy: /data of " + volumeId + " for a takeover")
                        .tagSpecifications(Provenance.on(ResourceType.SNAPSHOT, Provenance.tags(madeFor))))
                .snapshotId());
    }

    @Override
    public void awaitSnapshotCompleted(String snapshotId) {
        call(() -> {
            try (Ec2Waiter waiter = waiter(settings.getSnapshotTimeout())) {
                return waiter.waitUntilSnapshotCompleted(r -> r.snapshotIds(snapshotId));
            }
        });
    }

    @Override
    public Optional<String> volumeMadeBy(String commandId) {
        return call(() -> ec2.describeVolumes(r -> r.filters(Provenance.madeBy(commandId),
                        Filter.builder().name("status").values("creating", "available", "in-use").build()))
                .volumes().stream()
                .sorted(Comparator.comparing(Volume::createTime))
                .map(Volume::volumeId)
                .findFirst());
    }

    @Override
    public String createVolume(String snapshotId, String zone, EventMetadata madeFor) {
        return call(() -> ec2.createVolume(r -> r.snapshotId(snapshotId).availabilityZone(zone)
                        .volumeType(settings.getVolumeType())
                        .clientToken(ClientTokens.of(madeFor.getEventId()))
                        .tagSpecifications(Provenance.on(ResourceType.VOLUME, Provenance.tags(madeFor))))
                .volumeId());
    }

    @Override
    public void awaitVolumeAvailable(String volumeId) {
        call(() -> {
            try (Ec2Waiter waiter = waiter(settings.getVolumeTimeout())) {
                return waiter.waitUntilVolumeAvailable(r -> r.volumeIds(volumeId));
            }
        });
    }

    @Override
    public Optional<DataVolume> volume(String volumeId) {
        return described(volumeId).map(Ebs::toDataVolume);
    }

    @Override
    public Optional<Ownership.Tagged> snapshot(String snapshotId) {
        return unlessNotFound("InvalidSnapshot.NotFound", () -> ec2.describeSnapshots(r -> r.snapshotIds(snapshotId))
                .snapshots().stream().findFirst()
                .map(s -> new Ownership.Tagged(s.snapshotId(), s.tags())));
    }

    /** One DescribeInstances: the attachment calls name the instance but describe only the volume. */
    @Override
    public Optional<Ownership.Tagged> instance(String instanceId) {
        return unlessNotFound("InvalidInstanceID.NotFound", () -> ec2.describeInstances(r -> r.instanceIds(instanceId))
                .reservations().stream()
                .flatMap(r -> r.instances().stream())
                .map(i -> new Ownership.Tagged(i.instanceId(), i.tags()))
                .findFirst());
    }

    @Override
    public void attach(String volumeId, String instanceId, String device) {
        call(() -> ec2.attachVolume(r -> r.volumeId(volumeId).instanceId(instanceId).device(device)));
    }

    /** Waits for {@code in-use}, then for this instance's attachment to leave {@code attaching}. */
    @Override
    public Optional<DataVolume.Attachment> awaitAttached(String volumeId, String instanceId) {
        return call(() -> {
            try (Ec2Waiter waiter = waiter(settings.getVolumeTimeout())) {
                waiter.waitUntilVolumeInUse(r -> r.volumeIds(volumeId));
            }
            return waits.until(() -> described(volumeId).flatMap(v -> attachmentTo(v, instanceId)),
                            a -> a.map(it -> it.state() == VolumeAttachmentState.ATTACHED).orElse(false),
                            settings.getVolumeTimeout())
                    .filter(a -> a.state() == VolumeAttachmentState.ATTACHED)
                    .map(a -> new DataVolume.Attachment(a.instanceId(), a.device()));
        });
    }

    @Override
    public void detach(String volumeId, String instanceId) {
        call(() -> ec2.detachVolume(r -> r.volumeId(volumeId).instanceId(instanceId)));
    }

    @Override
    public void awaitDetached(String volumeId) {
        awaitVolumeAvailable(volumeId);
    }

    @Override
    public void delete(String volumeId) {
        call(() -> ec2.deleteVolume(r -> r.volumeId(volumeId)));
    }

    @Override
    public void awaitDeleted(String volumeId) {
        call(() -> {
            try (Ec2Waiter waiter = waiter(settings.getVolumeTimeout())) {
                return waiter.waitUntilVolumeDeleted(r -> r.volumeIds(volumeId));
            }
        });
    }

    private Optional<Volume> described(String volumeId) {
        return unlessNotFound("InvalidVolume.NotFound",
                () -> ec2.describeVolumes(r -> r.volumeIds(volumeId)).volumes().stream().findFirst());
    }

    private static DataVolume toDataVolume(Volume volume) {
        return new DataVolume(volume.volumeId(), Ownership.asMap(volume.tags()),
                volume.attachments().stream()
                        .filter(a -> a.state() != VolumeAttachmentState.DETACHED)
                        .map(a -> new DataVolume.Attachment(a.instanceId(), a.device()))
                        .toList(),
                GOING.contains(volume.state()));
    }

    private static Optional<VolumeAttachment> attachmentTo(Volume volume, String instanceId) {
        return volume.attachments().stream()
                .filter(a -> instanceId.equals(a.instanceId()))
                .filter(a -> a.state() != VolumeAttachmentState.DETACHED)
                .findFirst();
    }

    private Ec2Waiter waiter(Duration timeout) {
        return Ec2Waiter.builder().client(ec2).overrideConfiguration(waits.upTo(timeout)).build();
    }

    /** Empty for EC2's {@code notFound}; every other failure classified, as every call of this adapter. */
    private static <T> Optional<T> unlessNotFound(String notFound, Supplier<Optional<T>> describe) {
        try {
            return describe.get();
        } catch (SdkException e) {
            if (Ec2Errors.hasCode(e, notFound)) {
                return Optional.empty();
            }
            throw Ec2Errors.translated(e);
        }
    }

    private static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw Ec2Errors.translated(e);
        }
    }
}
