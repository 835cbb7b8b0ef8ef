package io.understudy.volume;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.understudy.contract.CommandOutcome;
import io.understudy.contract.CommandResult;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.SnapshotVolume;
import io.understudy.ec2.testing.SuiteService;
import io.understudy.schemas.topic.Topic;
import io.understudy.testing.CommandAnswers;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.TopicRecords;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.SnapshotState;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** volume-manager as it runs: a command on its topic, a result on COMMAND_RESULTS, the snapshot in EC2. */
class VolumeManagerServiceTest {
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

    @Test
    void aSnapshotCommandIsCarriedOutAndAnswered() throws Exception {
        String volumeId = ec2.createVolume(r -> r.availabilityZone("us-east-1a").size(8)).volumeId();
        String environment = "shop-" + UUID.randomUUID();
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

        HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.getURL() + "/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
    }
}
