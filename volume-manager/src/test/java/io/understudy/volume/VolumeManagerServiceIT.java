package io.understudy.volume;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.understudy.contract.AttachVolume;
import io.understudy.contract.CommandOutcome;
import io.understudy.contract.CommandResult;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.SnapshotVolume;
import io.understudy.ec2.testing.SuiteService;
import io.understudy.schemas.topic.Topic;
import io.understudy.testing.CommandAnswers;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.LoopbackNetwork;
import io.understudy.testing.TopicRecords;
import io.understudy.testing.services.Management;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SnapshotState;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.VolumeState;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** volume-manager as it runs: a command on its topic, a result on COMMAND_RESULTS, the snapshot in EC2. */
class VolumeManagerServiceIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static EmbeddedServer server;
    private static Ec2Client ec2;

    @BeforeAll
    static void startService() {
        Infrastructure infrastructure = Infrastructure.get();
        infrastructure.createTopics();
        ec2 = infrastructure.ec2();
        server = ApplicationContext.run(EmbeddedServer.class, SuiteService.properties(infrastructure));
    }

    @AfterAll
    static void stopService() {
        if (server != null) {
            server.getApplicationContext().close();
        }
    }

    private static TagSpecification ownedBy(ResourceType type, String environment) {
        return TagSpecification.builder().resourceType(type)
                .tags(Tag.builder().key("understudy:environment").value(environment).build()).build();
    }

    @Test
    void anAttachmentOfAnotherEnvironmentsVolumeIsRefusedAndTheVolumeStaysUnattached() {
        LoopbackNetwork network = LoopbackNetwork.create(ec2, "us-east-1a");
        String environment = "shop-" + UUID.randomUUID();
        String other = "blog-" + UUID.randomUUID();
        String candidate = ec2.runInstances(r -> r.imageId("ami-12c6146b").minCount(1).maxCount(1).subnetId(network.subnetId())
                .tagSpecifications(ownedBy(ResourceType.INSTANCE, environment))).instances().get(0).instanceId();
        String theirs = ec2.createVolume(r -> r.availabilityZone("us-east-1a").size(8)
                .tagSpecifications(ownedBy(ResourceType.VOLUME, other))).volumeId();
        String commandId = "cmd-" + UUID.randomUUID();

        TopicRecords.of(Topic.VOLUME_COMMANDS).send(environment, AttachVolume.newBuilder()
                .setMeta(EventMetadata.newBuilder().setEventId(commandId).setEnvironmentId(environment)
                        .setOccurredAt(Instant.now()).setProducer("test").build())
                .setVolumeId(theirs).setInstanceId(candidate).setDevice("/dev/sdf").build());

        CommandResult result = CommandAnswers.awaitFirst(commandId, TIMEOUT);
        assertThat(result.getOutcome()).isEqualTo(CommandOutcome.FAILED);
        assertThat(result.getRetriable()).isFalse();
        assertThat(result.getOutputs()).containsEntry("errorCode", "Understudy.NotOwned");
        assertThat(result.getError()).contains(theirs + " carries understudy:environment=" + other + ", not " + environment);
        assertThat(ec2.describeVolumes(r -> r.volumeIds(theirs)).volumes().get(0))
                .satisfies(v -> assertThat(v.state()).isEqualTo(VolumeState.AVAILABLE))
                .satisfies(v -> assertThat(v.attachments()).isEmpty());
    }

    @Test
    void aSnapshotCommandIsCarriedOutAndAnswered() throws Exception {
        String environment = "shop-" + UUID.randomUUID();
        String volumeId = ec2.createVolume(r -> r.availabilityZone("us-east-1a").size(8)
                .tagSpecifications(ownedBy(ResourceType.VOLUME, environment))).volumeId();
        String commandId = "cmd-" + UUID.randomUUID();

        TopicRecords.of(Topic.VOLUME_COMMANDS).send(environment, SnapshotVolume.newBuilder()
                .setMeta(EventMetadata.newBuilder().setEventId(commandId).setEnvironmentId(environment)
                        .setOccurredAt(Instant.now()).setProducer("test").build())
                .setVolumeId(volumeId).build());

        CommandResult result = CommandAnswers.awaitFirst(commandId, TIMEOUT);
        assertThat(result.getOutcome()).as(String.valueOf(result.getError())).isEqualTo(CommandOutcome.SUCCEEDED);
        assertThat(result.getMeta().getProducer()).isEqualTo("volume-manager");
        String snapshotId = result.getOutputs().get("snapshotId");
        assertThat(ec2.describeSnapshots(r -> r.snapshotIds(snapshotId)).snapshots().get(0))
                .satisfies(s -> assertThat(s.volumeId()).isEqualTo(volumeId))
                .satisfies(s -> assertThat(s.state()).isEqualTo(SnapshotState.COMPLETED));

        HttpResponse<String> metrics = Management.get(URI.create(server.getURL() + "/prometheus"));
        assertThat(metrics.statusCode()).isEqualTo(200);
    }
}
