package io.understudy.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DomainType;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The sandbox as a process that stops and starts: its state survives, running instances come back or are adopted. */
class SandboxRestartIT {
    private final Path dir = Path.of("target", "sb-restart-" + UUID.randomUUID().toString().substring(0, 6)).toAbsolutePath();
    private final List<AutoCloseable> open = new ArrayList<>();
    private Process main;

    @AfterEach
    void stopEverything() throws Exception {
        if (main != null && main.isAlive()) {
            main.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        // a sandbox killed with SIGKILL leaves its instances behind on purpose: a new one adopts and stops them
        if (!Processes.withMarker(LocalMarker.of(dir)).isEmpty()) {
            Sandbox.start(dir, 0).close();
        }
        assertThat(Processes.withMarker(LocalMarker.of(dir))).as("processes left").isEmpty();
    }

    @Test
    void aStoppedSandboxEndsItsProcessesAndItsNextStartBringsRunningInstancesBackWithTheirData() throws IOException {
        Sandbox first = Sandbox.start(dir, 0);
        Ec2Client ec2 = client(first.endpoint());
        String id = launchMasterWithDataAndAddress(ec2);
        String publicIp = ec2.describeAddresses().addresses().get(0).publicIp();
        assertThat(Http.post("http://" + publicIp + ":8000/data/kept", "across restarts").statusCode()).isEqualTo(201);

        first.close();
        assertThat(Processes.withMarker(first.marker())).as("processes after close").isEmpty();
        assertThat(Http.attempt("http://" + publicIp + ":8000/health")).startsWith("no answer");
        assertThat(dir.resolve("endpoint")).doesNotExist();

        Sandbox second = Sandbox.start(dir, 0);
        open.add(second);
        Ec2Client again = client(second.endpoint());
        assertThat(again.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0).state().name())
                .isEqualTo(InstanceStateName.RUNNING);
        await("the Elastic IP reaching " + id + " again").atMost(Duration.ofSeconds(30))
                .until(() -> Http.attempt("http://" + publicIp + ":8000/health"), answer -> answer.contains(id));
        assertThat(Http.get("http://" + publicIp + ":8000/data/kept").body()).isEqualTo("across restarts");
        assertThat(Files.readString(dir.resolve("endpoint"))).isEqualTo(second.endpoint());
    }

    @Test
    void theMainProgramWritesItsEndpointAndSigtermLeavesNoProcessBehind() throws Exception {
        main = startMain();
        String endpoint = awaitEndpoint();
        Ec2Client ec2 = client(endpoint);
        String id = launchMasterWithDataAndAddress(ec2);
        long group = Processes.withMarker(LocalMarker.of(dir)).size();
        assertThat(group).as("the instance's processes").isGreaterThanOrEqualTo(3);

        main.destroy();
        assertThat(main.waitFor(30, TimeUnit.SECONDS)).as("the sandbox exits on SIGTERM").isTrue();
        assertThat(Processes.withMarker(LocalMarker.of(dir))).as("processes after SIGTERM").isEmpty();
        assertThat(dir.resolve("endpoint")).doesNotExist();
        assertThat(Files.readString(dir.resolve("cloud.json"))).contains(id);
    }

    @Test
    void aSandboxKilledWithSigkillLeavesItsInstancesRunningAndTheNextOneAdoptsThem() throws Exception {
        main = startMain();
        Ec2Client ec2 = client(awaitEndpoint());
        String id = launchMasterWithDataAndAddress(ec2);
        List<String> before = Processes.withMarker(LocalMarker.of(dir)).stream()
                .filter(line -> !line.startsWith(main.pid() + " ")).toList();
        assertThat(before).as("the instance's processes").hasSizeGreaterThanOrEqualTo(3);

        main.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertThat(Processes.withMarker(LocalMarker.of(dir))).as("instances outlive a crashed sandbox").isEqualTo(before);

        Sandbox next = Sandbox.start(dir, 0);
        open.add(next);
        Ec2Client again = client(next.endpoint());
        String address = again.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0).privateIpAddress();
        await("sandbox-api listing the adopted group").atMost(Duration.ofSeconds(10))
                .until(() -> Http.get(next.endpoint() + "/sandbox-api/instances").body(), body -> body.contains("\"alive\":true"));
        assertThat(Processes.withMarker(LocalMarker.of(dir))).as("the same processes, adopted").isEqualTo(before);
        assertThat(Http.get("http://" + address + ":8080/health").body()).contains(id);
    }

    private String launchMasterWithDataAndAddress(Ec2Client ec2) {
        Ec2Waiter waiter = Ec2Clients.waiter(ec2);
        String id = ec2.runInstances(r -> r.imageId("ami-sandbox-2026.11").minCount(1).maxCount(1)
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                        .tags(Tag.builder().key("understudy:role").value("app_master").build()).build())).instances().get(0).instanceId();
        waiter.waitUntilInstanceRunning(r -> r.instanceIds(id));
        String volume = ec2.createVolume(r -> r.availabilityZone("us-east-1a").size(1)).volumeId();
        waiter.waitUntilVolumeAvailable(r -> r.volumeIds(volume));
        ec2.attachVolume(r -> r.volumeId(volume).instanceId(id).device("/dev/sdf"));
        waiter.waitUntilVolumeInUse(r -> r.volumeIds(volume));
        String allocation = ec2.allocateAddress(r -> r.domain(DomainType.VPC)).allocationId();
        ec2.associateAddress(r -> r.allocationId(allocation).instanceId(id));
        String publicIp = ec2.describeAddresses(r -> r.allocationIds(allocation)).addresses().get(0).publicIp();
        await("the Elastic IP reaching " + id).atMost(Duration.ofSeconds(10))
                .until(() -> Http.attempt("http://" + publicIp + ":8000/health"), answer -> answer.contains(id));
        await("/data attached").atMost(Duration.ofSeconds(10))
                .until(() -> Http.post("http://" + publicIp + ":8000/data/probe", "x").statusCode() == 201);
        waiter.close();
        return id;
    }

    private Ec2Client client(String endpoint) {
        Ec2Client client = Ec2Clients.client(endpoint);
        open.add(client);
        return client;
    }

    private Process startMain() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.createDirectories(dir);
        return new ProcessBuilder(java, "-Xmx128m", LocalMarker.of(dir), "-cp", System.getProperty("java.class.path"),
                SandboxMain.class.getName(), "--dir", dir.toString(), "--port", "0")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("sandbox.log").toFile())
                .start();
    }

    private String awaitEndpoint() {
        Path endpoint = dir.resolve("endpoint");
        await("the sandbox's endpoint file").atMost(Duration.ofSeconds(30)).until(() -> {
            if (!main.isAlive()) {
                throw new IllegalStateException("the sandbox exited: " + Files.readString(dir.resolve("sandbox.log")));
            }
            return Files.exists(endpoint);
        });
        try {
            return Files.readString(endpoint);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The marker the sandbox puts in every command line it starts. */
    private static final class LocalMarker {
        static String of(Path dir) {
            return io.understudy.sandbox.local.LocalResources.marker(dir);
        }
    }
}
