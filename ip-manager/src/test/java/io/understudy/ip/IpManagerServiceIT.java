package io.understudy.ip;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.understudy.contract.AssociateAddress;
import io.understudy.contract.CommandOutcome;
import io.understudy.contract.CommandResult;
import io.understudy.contract.EventMetadata;
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
import software.amazon.awssdk.services.ec2.model.AllocateAddressResponse;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** ip-manager as it runs: a command on its topic, a result on COMMAND_RESULTS, the address moved in EC2. */
class IpManagerServiceIT {
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
    void anAssociateAddressCommandMovesTheAddressAndIsAnswered() {
        LoopbackNetwork network = LoopbackNetwork.create(ec2, "us-east-1a");
        String environment = "shop-" + UUID.randomUUID();
        String candidate = launch(network, environment);
        AllocateAddressResponse address = allocate(environment);
        String commandId = "cmd-" + UUID.randomUUID();

        TopicRecords.of(Topic.IP_COMMANDS).send(environment, AssociateAddress.newBuilder()
                .setMeta(EventMetadata.newBuilder().setEventId(commandId).setEnvironmentId(environment)
                        .setOccurredAt(Instant.now()).setProducer("test").build())
                .setAllocationId(address.allocationId()).setInstanceId(candidate).build());

        CommandResult result = CommandAnswers.awaitFirst(commandId, TIMEOUT);
        assertThat(result.getOutcome()).as(String.valueOf(result.getError())).isEqualTo(CommandOutcome.SUCCEEDED);
        assertThat(result.getMeta().getProducer()).isEqualTo("ip-manager");
        assertThat(result.getOutputs()).containsEntry("publicIp", address.publicIp());
        assertThat(ec2.describeAddresses(r -> r.allocationIds(address.allocationId())).addresses().get(0).instanceId())
                .isEqualTo(candidate);
    }

    @Test
    void anAddressHeldElsewhereIsAnsweredWithItsCodeAndHolder() {
        LoopbackNetwork network = LoopbackNetwork.create(ec2, "us-east-1a");
        String environment = "shop-" + UUID.randomUUID();
        String master = launch(network, environment);
        String candidate = launch(network, environment);
        String third = launch(network, environment);
        AllocateAddressResponse address = allocate(environment);
        ec2.associateAddress(r -> r.allocationId(address.allocationId()).instanceId(third));
        String commandId = "cmd-" + UUID.randomUUID();

        TopicRecords.of(Topic.IP_COMMANDS).send(environment, AssociateAddress.newBuilder()
                .setMeta(EventMetadata.newBuilder().setEventId(commandId).setEnvironmentId(environment)
                        .setOccurredAt(Instant.now()).setProducer("test").build())
                .setAllocationId(address.allocationId()).setInstanceId(candidate).setExpectedHolders(List.of(master)).build());

        CommandResult result = CommandAnswers.awaitFirst(commandId, TIMEOUT);
        assertThat(result.getOutcome()).isEqualTo(CommandOutcome.FAILED);
        assertThat(result.getRetriable()).isFalse();
        assertThat(result.getOutputs()).containsEntry("errorCode", "Understudy.AddressHeldElsewhere")
                .containsEntry("holderInstanceId", third);
        assertThat(ec2.describeAddresses(r -> r.allocationIds(address.allocationId())).addresses().get(0).instanceId())
                .isEqualTo(third);
    }

    @Test
    void anotherEnvironmentsAddressIsRefusedAndStaysWhereItWas() {
        LoopbackNetwork network = LoopbackNetwork.create(ec2, "us-east-1a");
        String environment = "shop-" + UUID.randomUUID();
        String other = "blog-" + UUID.randomUUID();
        String candidate = launch(network, environment);
        String theirMaster = launch(network, other);
        AllocateAddressResponse theirs = allocate(other);
        ec2.associateAddress(r -> r.allocationId(theirs.allocationId()).instanceId(theirMaster));
        String association = ec2.describeAddresses(r -> r.allocationIds(theirs.allocationId())).addresses().get(0).associationId();
        String commandId = "cmd-" + UUID.randomUUID();

        TopicRecords.of(Topic.IP_COMMANDS).send(environment, AssociateAddress.newBuilder()
                .setMeta(EventMetadata.newBuilder().setEventId(commandId).setEnvironmentId(environment)
                        .setOccurredAt(Instant.now()).setProducer("test").build())
                .setAllocationId(theirs.allocationId()).setInstanceId(candidate).setExpectedHolders(List.of(theirMaster)).build());

        CommandResult result = CommandAnswers.awaitFirst(commandId, TIMEOUT);
        assertThat(result.getOutcome()).isEqualTo(CommandOutcome.FAILED);
        assertThat(result.getRetriable()).isFalse();
        assertThat(result.getOutputs()).containsEntry("errorCode", "Understudy.NotOwned");
        assertThat(result.getError()).contains(theirs.allocationId() + " carries understudy:environment=" + other
                + ", not " + environment);
        assertThat(ec2.describeAddresses(r -> r.allocationIds(theirs.allocationId())).addresses().get(0))
                .satisfies(a -> assertThat(a.instanceId()).isEqualTo(theirMaster))
                .satisfies(a -> assertThat(a.associationId()).isEqualTo(association));
    }

    private static TagSpecification ownedBy(ResourceType type, String environment) {
        return TagSpecification.builder().resourceType(type)
                .tags(Tag.builder().key("understudy:environment").value(environment).build()).build();
    }

    private static String launch(LoopbackNetwork network, String environment) {
        return ec2.runInstances(r -> r.imageId("ami-12c6146b").minCount(1).maxCount(1).subnetId(network.subnetId())
                .tagSpecifications(ownedBy(ResourceType.INSTANCE, environment))).instances().get(0).instanceId();
    }

    private static AllocateAddressResponse allocate(String environment) {
        return ec2.allocateAddress(r -> r.domain(DomainType.VPC).tagSpecifications(ownedBy(ResourceType.ELASTIC_IP, environment)));
    }

    @Test
    void healthAndMetricsAnswer() throws Exception {
        await().atMost(TIMEOUT).untilAsserted(() -> {
            HttpResponse<String> health = Management.get(url("/health"), null);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        });
        assertThat(Management.get(url("/health")).body()).contains("\"status\":\"UP\"", "\"details\"");
        assertThat(Management.get(url("/prometheus"), null).statusCode()).as("without the management credentials").isEqualTo(401);
        HttpResponse<String> metrics = Management.get(url("/prometheus"));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes")
                .contains("understudy_ec2_requests_total{bucket=\"run-instances\"")
                .contains("understudy_ec2_rate_limit_wait_seconds_total{bucket=\"mutating\"");
    }

    private static URI url(String path) {
        return URI.create(server.getURL() + path);
    }
}
