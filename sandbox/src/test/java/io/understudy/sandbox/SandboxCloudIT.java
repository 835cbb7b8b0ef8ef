package io.understudy.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.understudy.haproxy.ClientPemFiles;
import io.understudy.haproxy.HaproxyRuntime;
import io.understudy.haproxy.HaproxyTlsException;
import io.understudy.haproxy.HaproxyUnavailableException;
import io.understudy.haproxy.RuntimeApiAccess;
import io.understudy.haproxy.ServerState;
import io.understudy.testing.RuntimeApiCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** What only the sandbox does: real processes, HAProxy, Elastic IP forwarding, volumes as directories, cron by role. */
class SandboxCloudIT {
    private static final String IMAGE = "ami-sandbox-2026.11";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Sandbox sandbox;

    private Ec2Client ec2;
    private Ec2Waiter waiter;
    private final List<String> launched = new ArrayList<>();

    @BeforeAll
    static void startSandbox() {
        sandbox = Sandbox.start(Path.of("target", "sb-" + UUID.randomUUID().toString().substring(0, 6)), 0);
    }

    @AfterAll
    static void stopSandbox() {
        String marker = sandbox.marker();
        sandbox.close();
        assertThat(Processes.withMarker(marker)).as("processes left after close").isEmpty();
    }

    @BeforeEach
    void connect() {
        ec2 = Ec2Clients.client(sandbox.endpoint());
        waiter = Ec2Clients.waiter(ec2);
    }

    @AfterEach
    void terminate() {
        if (!launched.isEmpty()) {
            ec2.terminateInstances(r -> r.instanceIds(launched));
            waiter.waitUntilInstanceTerminated(r -> r.instanceIds(launched));
        }
        waiter.close();
        ec2.close();
    }

    @Test
    void anInstanceIsItsAppAndItsOwnHaproxyReportingRoleAndStackVersion() throws IOException {
        String id = run("app_slave", "ami-sandbox-2026.11");
        String address = privateAddress(id);

        JsonNode health = health(address);
        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.get("stackVersion").asText()).isEqualTo("2026.11");
        assertThat(health.get("role").asText()).isEqualTo("app_slave");
        assertThat(health.get("instanceId").asText()).isEqualTo(id);
        assertThat(health.get("cron").asBoolean()).isFalse();

        HaproxyRuntime runtime = proxyConfigurator().at(address, 9999, Duration.ofSeconds(2));
        assertThat(runtime.serversState("app")).extracting(ServerState::name).containsExactly(id);
        assertThat(Http.get("http://" + address + ":8000/health").body()).contains(id);
        assertThat(sandbox.dir().resolve("instances").resolve(id).resolve("master.sock")).exists();
    }

    @Test
    void theBackendTakesProxyConfiguratorsRuntimeCommandsForServersAddedAndRemoved() throws IOException {
        String master = run("app_master", IMAGE);
        String slave = run("app_slave", IMAGE);
        String masterAddress = privateAddress(master);
        HaproxyRuntime runtime = proxyConfigurator().at(masterAddress, 9999, Duration.ofSeconds(2));

        assertThat(runtime.send("add server app/" + slave + " " + privateAddress(slave) + ":8080 check")).contains("New server registered");
        runtime.send("enable health app/" + slave);
        runtime.send("enable server app/" + slave);
        runtime.send("set server app/" + master + " state maint");
        runtime.send("shutdown sessions server app/" + master);
        assertThat(runtime.send("del server app/" + master)).contains("Server deleted");

        assertThat(runtime.serversState("app")).extracting(ServerState::name).containsExactly(slave);
        assertThat(Http.get("http://" + masterAddress + ":8000/health").body()).as("reads go to the backend").contains(slave);
        String volume = attachedVolume(master, null);
        assertThat(Http.post("http://" + masterAddress + ":8000/data/x", "y").statusCode()).as("writes go to the master's own app").isEqualTo(201);
        assertThat(sandbox.dir().resolve("volumes").resolve(volume).resolve("x")).hasContent("y");
    }

    @Test
    void theRuntimeApiTakesOnlyProxyConfiguratorsCertificateOfThisCloud() throws IOException {
        String id = run("app_master", IMAGE);
        String address = privateAddress(id);
        ClientPemFiles ours = sandbox.runtimeApiClient();
        ClientPemFiles theirs = RuntimeApiCertificates.create("another-cloud").proxyConfiguratorFiles();
        HaproxyRuntime stranger = RuntimeApiAccess.mutualTls(new ClientPemFiles(ours.authority(), theirs.certificate(), theirs.key()))
                .at(address, 9999, Duration.ofSeconds(2));
        HaproxyRuntime plaintext = RuntimeApiAccess.plaintext().at(address, 9999, Duration.ofSeconds(2));

        assertThatThrownBy(() -> stranger.send("set server app/" + id + " state maint")).isInstanceOf(HaproxyTlsException.class)
                .hasMessageContaining("accepts only client certificates issued by");
        assertThat(attempt(plaintext, "set server app/" + id + " state maint")).isEmpty();

        assertThat(proxyConfigurator().at(address, 9999, Duration.ofSeconds(2)).serversState("app"))
                .extracting(ServerState::name, ServerState::adminState).containsExactly(org.assertj.core.groups.Tuple.tuple(id, "READY"));
        assertThat(ours).isEqualTo(ClientPemFiles.in(sandbox.dir().resolve("tls"), "proxy-configurator"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ours.key()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                sandbox.dir().resolve("instances").resolve(id).resolve("runtime-api.pem")))).isEqualTo("rw-------");
    }

    /** The answer, empty when HAProxy closed or reset the connection without one. */
    private static String attempt(HaproxyRuntime runtime, String command) {
        try {
            return runtime.send(command);
        } catch (HaproxyUnavailableException e) {
            return "";
        }
    }

    private RuntimeApiAccess proxyConfigurator() {
        return RuntimeApiAccess.mutualTls(sandbox.runtimeApiClient());
    }

    @Test
    void theImageIdChoosesTheStackVersionAndOtherImagesDoNotExist() throws IOException {
        String id = run("app_slave", "ami-sandbox-2027.1-rc1");
        assertThat(health(privateAddress(id)).get("stackVersion").asText()).isEqualTo("2027.1-rc1");

        assertThatThrownBy(() -> ec2.runInstances(r -> r.imageId("ami-12c6146b").minCount(1).maxCount(1)))
                .satisfies(e -> assertThat(Ec2ContractTest.code(e)).isEqualTo("InvalidAMIID.NotFound"));
    }

    @Test
    void anElasticIpForwardsToItsInstanceWritesLandOnTheMastersDataAndReassociationSwitches() throws IOException {
        String master = run("app_master", IMAGE);
        String other = run("app_slave", IMAGE);
        String volume = attachedVolume(master, null);
        var address = ec2.allocateAddress(r -> r.domain(DomainType.VPC));
        String publicUrl = "http://" + address.publicIp() + ":8000";
        assertThat(Http.attempt(publicUrl + "/health")).startsWith("no answer");

        ec2.associateAddress(r -> r.allocationId(address.allocationId()).instanceId(master));
        await("the Elastic IP reaching " + master).atMost(Duration.ofSeconds(10))
                .until(() -> Http.attempt(publicUrl + "/health"), answer -> answer.contains(master));

        assertThat(Http.post(publicUrl + "/data/greeting", "hello").statusCode()).isEqualTo(201);
        assertThat(Files.readString(sandbox.dir().resolve("volumes").resolve(volume).resolve("greeting"))).isEqualTo("hello");
        assertThat(Http.get(publicUrl + "/data/greeting").body()).isEqualTo("hello");
        assertThat(Http.get(publicUrl + "/data/missing").statusCode()).isEqualTo(404);

        ec2.associateAddress(r -> r.allocationId(address.allocationId()).instanceId(other));
        await("the Elastic IP reaching " + other).atMost(Duration.ofSeconds(10))
                .until(() -> Http.attempt(publicUrl + "/health"), answer -> answer.contains(other));
        assertThat(Http.post(publicUrl + "/data/greeting", "lost").statusCode()).as("no /data on the other instance").isEqualTo(503);

        ec2.disassociateAddress(r -> r.publicIp(address.publicIp()));
        await("the Elastic IP refusing connections").atMost(Duration.ofSeconds(10))
                .until(() -> Http.attempt(publicUrl + "/health"), answer -> answer.startsWith("no answer"));
    }

    @Test
    void onlyAnInstanceTaggedAppMasterRunsCron() throws IOException {
        String id = run("app_slave", IMAGE);
        String address = privateAddress(id);
        String volume = attachedVolume(id, null);
        Path cronLog = sandbox.dir().resolve("volumes").resolve(volume).resolve("cron.log");
        assertThat(health(address).get("cron").asBoolean()).isFalse();

        ec2.createTags(r -> r.resources(id).tags(Tag.builder().key("understudy:role").value("app_master").build()));
        await("cron lines from the master").atMost(Duration.ofSeconds(10))
                .until(() -> Http.get("http://" + address + ":8080/cron").body(), body -> body.lines().count() >= 2);
        assertThat(health(address).get("role").asText()).isEqualTo("app_master");
        assertThat(health(address).get("cron").asBoolean()).isTrue();
        assertThat(Files.readString(cronLog)).contains(id);

        ec2.createTags(r -> r.resources(id).tags(Tag.builder().key("understudy:role").value("app_slave").build()));
        await("cron off").atMost(Duration.ofSeconds(10)).until(() -> !health(address).get("cron").asBoolean());
    }

    @Test
    void aVolumeMadeFromASnapshotHoldsTheDataOfTheSnapshotsMoment() throws IOException {
        String master = run("app_master", IMAGE);
        String replacement = run("app_slave", IMAGE);
        String volume = attachedVolume(master, null);
        String masterUrl = "http://" + privateAddress(master) + ":8080/data/order";
        assertThat(Http.post(masterUrl, "v1").statusCode()).isEqualTo(201);

        String snapshot = ec2.createSnapshot(r -> r.volumeId(volume)).snapshotId();
        waiter.waitUntilSnapshotCompleted(r -> r.snapshotIds(snapshot));
        assertThat(Http.post(masterUrl, "v2").statusCode()).as("the volume stays usable").isEqualTo(201);
        attachedVolume(replacement, snapshot);

        assertThat(Http.get("http://" + privateAddress(replacement) + ":8080/data/order").body()).isEqualTo("v1");
        assertThat(Http.get(masterUrl).body()).isEqualTo("v2");
    }

    @Test
    void aTakeoverDoneWithEc2CallsAloneCarriesAcknowledgedWritesToTheNewMaster() throws IOException {
        String master = run("app_master", IMAGE);
        String candidate = run("app_slave", IMAGE);
        String volume = attachedVolume(master, null);
        var address = ec2.allocateAddress(r -> r.domain(DomainType.VPC));
        String publicUrl = "http://" + address.publicIp() + ":8000";
        ec2.associateAddress(r -> r.allocationId(address.allocationId()).instanceId(master));
        await("the Elastic IP reaching " + master).atMost(Duration.ofSeconds(10))
                .until(() -> Http.attempt(publicUrl + "/health"), answer -> answer.contains(master));
        assertThat(Http.post(publicUrl + "/data/order-1", "paid").statusCode()).isEqualTo(201);

        Http.post(sandbox.endpoint() + "/sandbox-api/instances/" + master + "/kill", "");
        ec2.stopInstances(r -> r.instanceIds(master).force(true));
        waiter.waitUntilInstanceStopped(r -> r.instanceIds(master));
        String snapshot = ec2.createSnapshot(r -> r.volumeId(volume)).snapshotId();
        waiter.waitUntilSnapshotCompleted(r -> r.snapshotIds(snapshot));
        attachedVolume(candidate, snapshot);
        ec2.disassociateAddress(r -> r.associationId(ec2.describeAddresses(a -> a.allocationIds(address.allocationId()))
                .addresses().get(0).associationId()));
        ec2.associateAddress(r -> r.allocationId(address.allocationId()).instanceId(candidate).allowReassociation(false));
        ec2.createTags(r -> r.resources(candidate).tags(Tag.builder().key("understudy:role").value("app_master").build()));

        await("the Elastic IP reaching " + candidate).atMost(Duration.ofSeconds(10))
                .until(() -> Http.attempt(publicUrl + "/health"), answer -> answer.contains(candidate) && answer.contains("\"cron\": true"));
        assertThat(Http.get(publicUrl + "/data/order-1").body()).isEqualTo("paid");
        assertThat(Http.post(publicUrl + "/data/order-2", "paid").statusCode()).isEqualTo(201);
        await("cron on the new master").atMost(Duration.ofSeconds(10))
                .until(() -> Http.get(publicUrl + "/cron").body(), body -> body.contains(candidate));
    }

    @Test
    void aKilledInstanceStillRunsForEc2AndAForcedStopEndsIt() throws IOException {
        String id = run("app_master", IMAGE);
        String address = privateAddress(id);

        HttpResponse<String> kill = Http.post(sandbox.endpoint() + "/sandbox-api/instances/" + id + "/kill", "");
        assertThat(kill.statusCode()).isEqualTo(200);

        assertThat(Http.attempt("http://" + address + ":8080/health")).startsWith("no answer");
        assertThat(describeState(id)).isEqualTo(InstanceStateName.RUNNING);
        JsonNode listed = listed(id);
        assertThat(listed.get("alive").asBoolean()).isFalse();
        assertThat(listed.get("privateAddress").asText()).isEqualTo(address);

        ec2.stopInstances(r -> r.instanceIds(id).force(true));
        waiter.waitUntilInstanceStopped(r -> r.instanceIds(id));
        ec2.startInstances(r -> r.instanceIds(id));
        waiter.waitUntilInstanceRunning(r -> r.instanceIds(id));
        assertThat(health(address).get("instanceId").asText()).isEqualTo(id);
        assertThat(listed(id).get("alive").asBoolean()).isTrue();
    }

    @Test
    void clientTokensMakeRunInstancesAndCreateVolumeIdempotent() {
        String token = UUID.randomUUID().toString();
        String first = ec2.runInstances(r -> r.imageId(IMAGE).minCount(1).maxCount(1).clientToken(token)).instances().get(0).instanceId();
        launched.add(first);
        String second = ec2.runInstances(r -> r.imageId(IMAGE).minCount(1).maxCount(1).clientToken(token)).instances().get(0).instanceId();
        assertThat(second).isEqualTo(first);

        String volumeToken = UUID.randomUUID().toString();
        String volume = ec2.createVolume(r -> r.availabilityZone("us-east-1b").size(1).clientToken(volumeToken)).volumeId();
        assertThat(ec2.createVolume(r -> r.availabilityZone("us-east-1b").size(1).clientToken(volumeToken)).volumeId()).isEqualTo(volume);
        waiter.waitUntilInstanceRunning(r -> r.instanceIds(first));
    }

    @Test
    void theRegionHasThreeZonesWithADefaultSubnetEachAndRunningInstancesPassStatusChecks() {
        List<Subnet> subnets = ec2.describeSubnets().subnets();
        assertThat(subnets).extracting(Subnet::subnetId).containsExactly("subnet-sandbox-a", "subnet-sandbox-b", "subnet-sandbox-c");
        assertThat(subnets).extracting(Subnet::availabilityZone).containsExactly("us-east-1a", "us-east-1b", "us-east-1c");

        String id = ec2.runInstances(r -> r.imageId(IMAGE).minCount(1).maxCount(1).subnetId("subnet-sandbox-c")).instances().get(0).instanceId();
        launched.add(id);
        waiter.waitUntilInstanceRunning(r -> r.instanceIds(id));
        assertThat(privateAddress(id)).startsWith("127.77.3.");
        List<InstanceStatus> statuses = ec2.describeInstanceStatus(r -> r.instanceIds(id)).instanceStatuses();
        assertThat(statuses).singleElement().satisfies(s -> assertThat(s.instanceStatus().statusAsString()).isEqualTo("ok"));
    }

    private String run(String role, String image) {
        String id = ec2.runInstances(r -> r.imageId(image).minCount(1).maxCount(1).placement(p -> p.availabilityZone("us-east-1a"))
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                        .tags(Tag.builder().key("understudy:role").value(role).build()).build())).instances().get(0).instanceId();
        launched.add(id);
        waiter.waitUntilInstanceRunning(r -> r.instanceIds(id));
        return id;
    }

    private String attachedVolume(String instanceId, String snapshotId) {
        String volume = ec2.createVolume(r -> r.availabilityZone("us-east-1a").size(snapshotId == null ? 1 : null).snapshotId(snapshotId)).volumeId();
        waiter.waitUntilVolumeAvailable(r -> r.volumeIds(volume));
        ec2.attachVolume(r -> r.volumeId(volume).instanceId(instanceId).device("/dev/sdf"));
        await("attachment of " + volume).atMost(Duration.ofSeconds(10)).until(() -> ec2.describeVolumes(r -> r.volumeIds(volume))
                .volumes().get(0).attachments().stream().anyMatch(a -> a.stateAsString().equals("attached")));
        return volume;
    }

    private String privateAddress(String instanceId) {
        return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().get(0).instances().get(0).privateIpAddress();
    }

    private InstanceStateName describeState(String instanceId) {
        return ec2.describeInstances(r -> r.instanceIds(instanceId)).reservations().get(0).instances().get(0).state().name();
    }

    private static JsonNode health(String address) throws IOException {
        HttpResponse<String> response = Http.get("http://" + address + ":8080/health");
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode listed(String instanceId) {
        try {
            for (JsonNode node : JSON.readTree(Http.get(sandbox.endpoint() + "/sandbox-api/instances").body())) {
                if (node.get("instanceId").asText().equals(instanceId)) {
                    return node;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("sandbox-api does not list " + instanceId);
    }
}
