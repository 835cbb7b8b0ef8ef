package io.understudy.volume;

import io.understudy.ec2.testing.Ec2UnderTest;
import io.understudy.contract.AttachVolume;
import io.understudy.contract.CreateVolumeFromSnapshot;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.SnapshotVolume;
import io.understudy.ec2.Waits;
import io.understudy.execution.Outcome;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.LoopbackNetwork;
import io.understudy.volume.attachment.AttachVolumeHandler;
import io.understudy.volume.aws.Ebs;
import io.understudy.volume.ebs.VolumeSettings;
import io.understudy.volume.restore.CreateVolumeFromSnapshotHandler;
import io.understudy.volume.snapshot.SnapshotVolumeHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EBS when it takes its time. moto completes snapshots and volumes at once, so the proxy rewrites its answers to
 * keep them pending: the bounded waiters give up with a retriable outcome, and the same command sent again once
 * EBS has finished picks up the resource its first delivery created instead of creating another.
 */
class SlowEbsIT {
    private static final String ZONE = "us-east-1a";
    private static Ec2Client ec2;
    private static Ec2UnderTest understudy;
    private static LoopbackNetwork network;
    private static Ebs ebs;

    private String environment;
    private String dataVolume;

    @BeforeAll
    static void cloud() {
        ec2 = Infrastructure.get().ec2();
        understudy = Ec2UnderTest.faultless();
        network = LoopbackNetwork.create(ec2, ZONE);
        VolumeSettings settings = new VolumeSettings();
        settings.setSnapshotTimeout(Duration.ofSeconds(1));
        settings.setVolumeTimeout(Duration.ofSeconds(1));
        ebs = new Ebs(understudy.client(), new Waits(Duration.ofMillis(100)), settings);
    }

    @AfterAll
    static void stop() {
        understudy.close();
    }

    @BeforeEach
    void data() {
        environment = "shop-" + UUID.randomUUID();
        dataVolume = ec2.createVolume(r -> r.availabilityZone(ZONE).size(8)
                .tagSpecifications(ownedBy(ResourceType.VOLUME))).volumeId();
    }

    @AfterEach
    void ebsCatchesUp() {
        understudy.proxy().stopRewriting("DescribeSnapshots");
        understudy.proxy().stopRewriting("DescribeVolumes");
    }

    /** The environment's own, as an operator tags what an environment is registered with. */
    private TagSpecification ownedBy(ResourceType type) {
        return TagSpecification.builder().resourceType(type)
                .tags(Tag.builder().key("understudy:environment").value(environment).build()).build();
    }

    private EventMetadata meta(String commandId) {
        return EventMetadata.newBuilder().setEventId(commandId).setEnvironmentId(environment).setTakeoverId("t-1")
                .setOccurredAt(Instant.now()).setProducer("test").build();
    }

    private long reachedEc2(String action, String containing) {
        return understudy.proxy().exchanges().stream()
                .filter(e -> e.action().equals(action) && e.reachedEc2() && e.form().contains(containing)).count();
    }

    @Test
    void aSnapshotStillPendingAtTheBoundIsRetriedAndNotTakenTwice() {
        String commandId = "cmd-" + UUID.randomUUID();
        SnapshotVolume command = SnapshotVolume.newBuilder().setMeta(meta(commandId)).setVolumeId(dataVolume).build();
        understudy.proxy().rewriteAnswers("DescribeSnapshots", xml -> xml.replace("<status>completed</status>", "<status>pending</status>"));

        Outcome pending = new SnapshotVolumeHandler(ebs).handle(command);
        understudy.proxy().stopRewriting("DescribeSnapshots");
        Outcome completed = new SnapshotVolumeHandler(ebs).handle(command);

        assertThat(pending.succeeded()).isFalse();
        assertThat(pending.retriable()).as(pending.error()).isTrue();
        assertThat(completed.succeeded()).as(completed.error()).isTrue();
        assertThat(reachedEc2("CreateSnapshot", dataVolume)).isEqualTo(1);
        assertThat(ec2.describeSnapshots(r -> r.filters(f -> f.name("volume-id").values(dataVolume))).snapshots()).hasSize(1);
    }

    @Test
    void aVolumeStillCreatingAtTheBoundIsRetriedAndNotCreatedTwice() {
        String snapshotId = new SnapshotVolumeHandler(ebs).handle(SnapshotVolume.newBuilder().setMeta(meta("cmd-" + UUID.randomUUID()))
                .setVolumeId(dataVolume).build()).outputs().get("snapshotId");
        CreateVolumeFromSnapshot command = CreateVolumeFromSnapshot.newBuilder().setMeta(meta("cmd-" + UUID.randomUUID()))
                .setSnapshotId(snapshotId).setAvailabilityZone(ZONE).build();
        understudy.proxy().rewriteAnswers("DescribeVolumes", xml -> xml.replace("<status>available</status>", "<status>creating</status>"));

        Outcome creating = new CreateVolumeFromSnapshotHandler(ebs).handle(command);
        understudy.proxy().stopRewriting("DescribeVolumes");
        Outcome available = new CreateVolumeFromSnapshotHandler(ebs).handle(command);

        assertThat(creating.retriable()).as(creating.error()).isTrue();
        assertThat(available.succeeded()).as(available.error()).isTrue();
        assertThat(reachedEc2("CreateVolume", snapshotId)).isEqualTo(1);
        assertThat(ec2.describeVolumes(r -> r.filters(f -> f.name("snapshot-id").values(snapshotId))).volumes()).hasSize(1);
    }

    @Test
    void anAttachmentStillAttachingAtTheBoundIsRetriedAndNotAttachedTwice() {
        String candidate = ec2.runInstances(r -> r.imageId("ami-12c6146b").minCount(1).maxCount(1).subnetId(network.subnetId())
                .tagSpecifications(ownedBy(ResourceType.INSTANCE))).instances().get(0).instanceId();
        AttachVolume command = AttachVolume.newBuilder().setMeta(meta("cmd-" + UUID.randomUUID())).setVolumeId(dataVolume)
                .setInstanceId(candidate).setDevice("/dev/sdf").build();
        understudy.proxy().rewriteAnswers("DescribeVolumes", xml -> xml.replace("<status>attached</status>", "<status>attaching</status>"));

        Outcome attaching = new AttachVolumeHandler(ebs).handle(command);
        understudy.proxy().stopRewriting("DescribeVolumes");
        Outcome attached = new AttachVolumeHandler(ebs).handle(command);

        assertThat(attaching.succeeded()).isFalse();
        assertThat(attaching.retriable()).as(attaching.error()).isTrue();
        assertThat(attached.succeeded()).as(attached.error()).isTrue();
        assertThat(attached.outputs()).containsEntry("device", "/dev/sdf");
        assertThat(reachedEc2("AttachVolume", dataVolume)).isEqualTo(1);
    }
}
