package io.understudy.volume;

import io.understudy.contract.AttachVolume;
import io.understudy.contract.CreateVolumeFromSnapshot;
import io.understudy.contract.DeleteVolume;
import io.understudy.contract.DetachVolume;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.SnapshotVolume;
import io.understudy.ec2.Waits;
import io.understudy.execution.Outcome;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.LoopbackNetwork;
import io.understudy.volume.attachment.AttachVolumeHandler;
import io.understudy.volume.attachment.DetachVolumeHandler;
import io.understudy.volume.cleanup.DeleteVolumeHandler;
import io.understudy.volume.aws.Ebs;
import io.understudy.volume.ebs.VolumeSettings;
import io.understudy.volume.restore.CreateVolumeFromSnapshotHandler;
import io.understudy.volume.snapshot.SnapshotVolumeHandler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.ec2.model.SnapshotState;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachmentState;
import software.amazon.awssdk.services.ec2.model.VolumeState;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The data volume's journey against moto: snapshot, restore, attach, and the compensations; judged by EC2's answers. */
class VolumeHandlersIT {
    private static final String ZONE = "us-east-1a";
    private static Ec2Client ec2;
    private static LoopbackNetwork network;
    private static Ebs ebs;

    private String environment;
    private String other;
    private String dataVolume;
    private String candidate;

    @BeforeAll
    static void network() {
        ec2 = Infrastructure.get().ec2();
        network = LoopbackNetwork.create(ec2, ZONE);
        VolumeSettings settings = new VolumeSettings();
        settings.setSnapshotTimeout(Duration.ofSeconds(10));
        settings.setVolumeTimeout(Duration.ofSeconds(10));
        ebs = new Ebs(ec2, new Waits(Duration.ofMillis(100)), settings);
    }

    @BeforeEach
    void failedMastersData() {
        environment = "shop-" + UUID.randomUUID();
        other = "blog-" + UUID.randomUUID();
        dataVolume = volumeOf(environment);
        candidate = instanceOf(environment);
    }

    /** Tagged as an operator tags what an environment is registered with; {@code null}: untagged. */
    private static String volumeOf(String owner) {
        return ec2.createVolume(r -> r.availabilityZone(ZONE).size(8).tagSpecifications(ownedBy(ResourceType.VOLUME, owner)))
                .volumeId();
    }

    private static String instanceOf(String owner) {
        return ec2.runInstances(r -> r.imageId("ami-12c6146b").minCount(1).maxCount(1).subnetId(network.subnetId())
                .tagSpecifications(ownedBy(ResourceType.INSTANCE, owner))).instances().get(0).instanceId();
    }

    private static List<TagSpecification> ownedBy(ResourceType type, String owner) {
        return owner == null ? List.of() : List.of(TagSpecification.builder().resourceType(type)
                .tags(Tag.builder().key("understudy:environment").value(owner).build()).build());
    }

    private void assertNotOwned(Outcome outcome, String resource, String carried) {
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retriable()).isFalse();
        assertThat(outcome.outputs()).containsEntry("errorCode", "Understudy.NotOwned");
        assertThat(outcome.error()).contains(resource + " carries " + carried + ", not " + environment);
    }

    private EventMetadata meta(String commandId) {
        return EventMetadata.newBuilder().setEventId(commandId).setEnvironmentId(environment).setTakeoverId("t-1")
                .setOccurredAt(Instant.now()).setProducer("test").build();
    }

    private static String newId() {
        return "cmd-" + UUID.randomUUID();
    }

    private Outcome snapshot(String commandId, String volumeId) {
        return new SnapshotVolumeHandler(ebs).handle(SnapshotVolume.newBuilder().setMeta(meta(commandId)).setVolumeId(volumeId).build());
    }

    private Outcome restore(String commandId, String snapshotId) {
        return new CreateVolumeFromSnapshotHandler(ebs).handle(CreateVolumeFromSnapshot.newBuilder().setMeta(meta(commandId))
                .setSnapshotId(snapshotId).setAvailabilityZone(ZONE).build());
    }

    private Outcome attach(String volumeId) {
        return attach(volumeId, candidate);
    }

    private Outcome attach(String volumeId, String instanceId) {
        return new AttachVolumeHandler(ebs).handle(AttachVolume.newBuilder().setMeta(meta(newId()))
                .setVolumeId(volumeId).setInstanceId(instanceId).setDevice("/dev/sdf").build());
    }

    private Outcome detach(String volumeId) {
        return detach(volumeId, candidate);
    }

    private Outcome detach(String volumeId, String instanceId) {
        return new DetachVolumeHandler(ebs).handle(DetachVolume.newBuilder().setMeta(meta(newId()))
                .setVolumeId(volumeId).setInstanceId(instanceId).build());
    }

    private Outcome delete(String volumeId) {
        return new DeleteVolumeHandler(ebs).handle(DeleteVolume.newBuilder().setMeta(meta(newId())).setVolumeId(volumeId).build());
    }

    private static Snapshot describedSnapshot(String snapshotId) {
        return ec2.describeSnapshots(r -> r.snapshotIds(snapshotId)).snapshots().get(0);
    }

    private static Volume describedVolume(String volumeId) {
        return ec2.describeVolumes(r -> r.volumeIds(volumeId)).volumes().get(0);
    }

    private static Map<String, String> tags(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }

    private String restoredVolume() {
        String snapshotId = snapshot(newId(), dataVolume).outputs().get("snapshotId");
        return restore(newId(), snapshotId).outputs().get("volumeId");
    }

    @Test
    void theDataVolumeIsSnapshottedAndTheSnapshotSaysWhereItCameFrom() {
        String commandId = newId();

        Outcome outcome = snapshot(commandId, dataVolume);

        assertThat(outcome.succeeded()).as(outcome.error()).isTrue();
        Snapshot snapshot = describedSnapshot(outcome.outputs().get("snapshotId"));
        assertThat(snapshot.state()).isEqualTo(SnapshotState.COMPLETED);
        assertThat(snapshot.volumeId()).isEqualTo(dataVolume);
        assertThat(tags(snapshot.tags())).containsEntry("understudy:environment", environment)
                .containsEntry("understudy:takeover", "t-1").containsEntry("understudy:command", commandId);
    }

    @Test
    void aRedeliveredSnapshotCommandMakesNoSecondSnapshot() {
        String commandId = newId();

        Outcome first = snapshot(commandId, dataVolume);
        Outcome again = snapshot(commandId, dataVolume);

        assertThat(again.outputs()).isEqualTo(first.outputs());
        assertThat(ec2.describeSnapshots(r -> r.filters(f -> f.name("volume-id").values(dataVolume))).snapshots()).hasSize(1);
    }

    @Test
    void aMissingVolumeCannotBeSnapshotted() {
        Outcome outcome = snapshot(newId(), "vol-0123456789abcdef0");

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retriable()).isFalse();
        assertThat(outcome.error()).contains("InvalidVolume.NotFound");
    }

    @Test
    void theSnapshotIsRestoredInTheCandidatesZoneOnce() {
        String snapshotId = snapshot(newId(), dataVolume).outputs().get("snapshotId");
        String commandId = newId();

        Outcome first = restore(commandId, snapshotId);
        Outcome again = restore(commandId, snapshotId);

        assertThat(first.succeeded()).as(first.error()).isTrue();
        assertThat(again.outputs()).isEqualTo(first.outputs());
        Volume volume = describedVolume(first.outputs().get("volumeId"));
        assertThat(volume.state()).isEqualTo(VolumeState.AVAILABLE);
        assertThat(volume.availabilityZone()).isEqualTo(ZONE);
        assertThat(volume.snapshotId()).isEqualTo(snapshotId);
        assertThat(tags(volume.tags())).containsEntry("understudy:environment", environment)
                .containsEntry("understudy:command", commandId);
        assertThat(ec2.describeVolumes(r -> r.filters(f -> f.name("snapshot-id").values(snapshotId))).volumes()).hasSize(1);
    }

    @Test
    void aMissingSnapshotCannotBeRestored() {
        Outcome outcome = restore(newId(), "snap-0123456789abcdef0");

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retriable()).isFalse();
        assertThat(outcome.error()).contains("InvalidSnapshot.NotFound");
    }

    @Test
    void theRestoredVolumeIsAttachedToTheCandidateOnce() {
        String volumeId = restoredVolume();

        Outcome first = attach(volumeId);
        Outcome again = attach(volumeId);

        assertThat(first.succeeded()).as(first.error()).isTrue();
        assertThat(first.outputs()).containsEntry("volumeId", volumeId).containsEntry("device", "/dev/sdf");
        assertThat(again.succeeded()).isTrue();
        Volume volume = describedVolume(volumeId);
        assertThat(volume.state()).isEqualTo(VolumeState.IN_USE);
        assertThat(volume.attachments()).singleElement().satisfies(a -> {
            assertThat(a.instanceId()).isEqualTo(candidate);
            assertThat(a.device()).isEqualTo("/dev/sdf");
            assertThat(a.state()).isEqualTo(VolumeAttachmentState.ATTACHED);
        });
    }

    @Test
    void aMissingVolumeCannotBeAttached() {
        Outcome outcome = attach("vol-0123456789abcdef0");

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retriable()).isFalse();
    }

    @Test
    void compensationDetachesAndDeletesAndBothMayBeRepeated() {
        String volumeId = restoredVolume();
        attach(volumeId);

        Outcome detached = detach(volumeId);
        assertThat(detached.succeeded()).as(detached.error()).isTrue();
        assertThat(describedVolume(volumeId).state()).isEqualTo(VolumeState.AVAILABLE);
        assertThat(describedVolume(volumeId).attachments()).isEmpty();
        assertThat(detach(volumeId).succeeded()).isTrue();

        Outcome deleted = delete(volumeId);
        assertThat(deleted.succeeded()).as(deleted.error()).isTrue();
        assertThatThrownBy(() -> describedVolume(volumeId)).isInstanceOfSatisfying(AwsServiceException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidVolume.NotFound"));
        assertThat(delete(volumeId).succeeded()).isTrue();
        assertThat(detach(volumeId).succeeded()).isTrue();
    }

    @Test
    void anAttachedVolumeIsNotDeletedYetButMayBeLater() {
        String volumeId = restoredVolume();
        attach(volumeId);

        Outcome outcome = delete(volumeId);

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retriable()).isTrue();
        assertThat(outcome.error()).contains("VolumeInUse");
        assertThat(describedVolume(volumeId).state()).isEqualTo(VolumeState.IN_USE);
    }

    @Test
    void anotherEnvironmentsVolumeIsNotAttachedAndStaysAvailable() {
        String theirs = volumeOf(other);
        String nobodys = volumeOf(null);

        Outcome outcome = attach(theirs);
        Outcome untagged = attach(nobodys);

        assertNotOwned(outcome, theirs, "understudy:environment=" + other);
        assertNotOwned(untagged, nobodys, "no understudy:environment");
        assertThat(describedVolume(theirs).state()).isEqualTo(VolumeState.AVAILABLE);
        assertThat(describedVolume(theirs).attachments()).isEmpty();
        assertThat(describedVolume(nobodys).attachments()).isEmpty();
    }

    @Test
    void theEnvironmentsVolumeIsNotAttachedToAnotherEnvironmentsInstance() {
        String theirs = instanceOf(other);
        String nobodys = instanceOf(null);

        Outcome outcome = attach(dataVolume, theirs);
        Outcome untagged = attach(dataVolume, nobodys);

        assertNotOwned(outcome, theirs, "understudy:environment=" + other);
        assertNotOwned(untagged, nobodys, "no understudy:environment");
        assertThat(describedVolume(dataVolume).state()).isEqualTo(VolumeState.AVAILABLE);
        assertThat(describedVolume(dataVolume).attachments()).isEmpty();
    }

    @Test
    void theEnvironmentsVolumeIsNotTakenOffAnotherEnvironmentsInstance() {
        String theirs = instanceOf(other);
        ec2.attachVolume(r -> r.volumeId(dataVolume).instanceId(theirs).device("/dev/sdf"));

        Outcome outcome = detach(dataVolume, theirs);

        assertNotOwned(outcome, theirs, "understudy:environment=" + other);
        assertThat(describedVolume(dataVolume).attachments()).singleElement()
                .satisfies(a -> assertThat(a.instanceId()).isEqualTo(theirs));
    }

    @Test
    void anotherEnvironmentsVolumeIsNeitherSnapshottedNorDetachedNorDeleted() {
        String theirs = volumeOf(other);
        String theirInstance = instanceOf(other);
        ec2.attachVolume(r -> r.volumeId(theirs).instanceId(theirInstance).device("/dev/sdf"));

        Outcome snapshot = snapshot(newId(), theirs);
        Outcome detached = detach(theirs, theirInstance);
        Outcome deleted = delete(theirs);

        assertNotOwned(snapshot, theirs, "understudy:environment=" + other);
        assertNotOwned(detached, theirs, "understudy:environment=" + other);
        assertNotOwned(deleted, theirs, "understudy:environment=" + other);
        assertThat(ec2.describeSnapshots(r -> r.filters(f -> f.name("volume-id").values(theirs))).snapshots()).isEmpty();
        assertThat(describedVolume(theirs).attachments()).singleElement()
                .satisfies(a -> assertThat(a.instanceId()).isEqualTo(theirInstance));
    }

    @Test
    void anotherEnvironmentsSnapshotIsNotRestored() {
        String theirs = ec2.createSnapshot(r -> r.volumeId(volumeOf(other))
                .tagSpecifications(ownedBy(ResourceType.SNAPSHOT, other))).snapshotId();

        Outcome outcome = restore(newId(), theirs);

        assertNotOwned(outcome, theirs, "understudy:environment=" + other);
        assertThat(ec2.describeVolumes(r -> r.filters(f -> f.name("snapshot-id").values(theirs))).volumes()).isEmpty();
    }
}
