package io.understudy.proxy.command;

import io.understudy.contract.ConfigureProxy;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.ProxyServer;
import io.understudy.execution.Outcome;
import io.understudy.haproxy.ClientPemFiles;
import io.understudy.haproxy.RuntimeApiAccess;
import io.understudy.haproxy.HaproxyRuntime;
import io.understudy.haproxy.ServerState;
import io.understudy.proxy.ProxySettings;
import io.understudy.proxy.haproxy.HaproxyBackends;
import io.understudy.testing.AppInstance;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.InstancePorts;
import io.understudy.testing.RuntimeApiCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The handler against real HAProxy processes playing a master and two slaves on loopback addresses, their runtime API
 * over mutual TLS with the suite's authority, as instances set up by Understudy serve it.
 */
class ConfigureProxyHandlerIT {
    private final String subnet = "127." + ThreadLocalRandom.current().nextInt(16, 251) + "." + ThreadLocalRandom.current().nextInt(1, 255) + ".";
    private final InstancePorts ports = InstancePorts.pickFree();
    private final List<AppInstance> instances = new ArrayList<>();
    private AppInstance master;

    @BeforeEach
    void startInstances() {
        // every instance has the same ports on its own address, as on EC2
        for (int host = 4; host <= 6; host++) {
            instances.add(AppInstance.start(Infrastructure.workDir("instance"), subnet + host, ports));
        }
        master = instances.get(0);
    }

    @AfterEach
    void stopInstances() {
        instances.forEach(AppInstance::close);
    }

    private ConfigureProxyHandler handler(boolean checks) {
        return handler(checks, RuntimeApiCertificates.get().proxyConfigurator());
    }

    private ConfigureProxyHandler handler(boolean checks, RuntimeApiAccess access) {
        ProxySettings settings = new ProxySettings(ports.admin(), ports.app(), "app", checks, Duration.ofSeconds(2));
        return new ConfigureProxyHandler(new HaproxyBackends(settings, access), settings);
    }

    private ConfigureProxy configure(String instanceAddress, int... hosts) {
        List<ProxyServer> servers = new ArrayList<>();
        for (int host : hosts) {
            servers.add(new ProxyServer("i-" + host, subnet + host));
        }
        EventMetadata meta = new EventMetadata("cmd-" + UUID.randomUUID(), "env-1", "takeover-1", null, Instant.now(), "test");
        return new ConfigureProxy(meta, "i-4", instanceAddress, servers);
    }

    private List<ServerState> servers() {
        return master.runtime().serversState("app");
    }

    @Test
    void theBackendHoldsExactlyTheGivenServersAndServesThroughThem() throws Exception {
        Outcome outcome = handler(true).handle(configure(master.privateAddress(), 4, 5));

        assertThat(outcome.succeeded()).as(outcome.error()).isTrue();
        assertThat(outcome.outputs()).containsEntry("servers", "i-4,i-5").containsEntry("previousServers", "").containsEntry("added", "i-4,i-5");
        assertThat(servers()).extracting(ServerState::name, ServerState::address, ServerState::port, ServerState::adminState)
                .containsExactlyInAnyOrder(tuple("i-4", subnet + 4, ports.app(), "READY"), tuple("i-5", subnet + 5, ports.app(), "READY"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(servers()).extracting(ServerState::operationalState).containsOnly("RUNNING"));
        HttpResponse<String> proxied = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(master.proxyUrl("/"))).timeout(Duration.ofSeconds(3)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(proxied.statusCode()).isEqualTo(200);
        assertThat(proxied.body()).isEqualTo("ok");
    }

    @Test
    void runningTheSameCommandAgainChangesNothing() {
        ConfigureProxyHandler handler = handler(true);
        ConfigureProxy command = configure(master.privateAddress(), 4, 5, 6);
        handler.handle(command);
        List<ServerState> before = servers();

        Outcome again = handler.handle(command);

        assertThat(again.succeeded()).as(again.error()).isTrue();
        assertThat(again.outputs()).containsEntry("servers", "i-4,i-5,i-6").containsEntry("previousServers", "i-4,i-5,i-6")
                .containsEntry("added", "").containsEntry("removed", "").containsEntry("repaired", "");
        assertThat(servers()).extracting(ServerState::name, ServerState::address, ServerState::port, ServerState::adminState)
                .containsExactlyElementsOf(before.stream().map(s -> tuple(s.name(), s.address(), s.port(), s.adminState())).toList());
    }

    @Test
    void serversNotGivenAreRemovedAndThePreviousSetIsReported() {
        ConfigureProxyHandler handler = handler(false);
        handler.handle(configure(master.privateAddress(), 4, 5));

        Outcome outcome = handler.handle(configure(master.privateAddress(), 5, 6));

        assertThat(outcome.succeeded()).as(outcome.error()).isTrue();
        assertThat(outcome.outputs()).containsEntry("servers", "i-5,i-6").containsEntry("previousServers", "i-4,i-5")
                .containsEntry("added", "i-6").containsEntry("removed", "i-4");
        assertThat(servers()).extracting(ServerState::name, ServerState::adminState)
                .as("a server that left is retired in maintenance, not deleted")
                .containsExactlyInAnyOrder(tuple("i-4", "MAINT"), tuple("i-5", "READY"), tuple("i-6", "READY"));
        Outcome again = handler.handle(configure(master.privateAddress(), 5, 6));
        assertThat(again.outputs()).as("a retired server is no previous server").containsEntry("previousServers", "i-5,i-6")
                .containsEntry("removed", "");
    }

    @Test
    void aRetiredServerWantedAgainIsPutBackInServiceInPlace() {
        ConfigureProxyHandler handler = handler(true);
        handler.handle(configure(master.privateAddress(), 4, 5));
        handler.handle(configure(master.privateAddress(), 4));

        Outcome outcome = handler.handle(configure(master.privateAddress(), 4, 5));

        assertThat(outcome.succeeded()).as(outcome.error()).isTrue();
        assertThat(outcome.outputs()).containsEntry("repaired", "i-5").containsEntry("added", "");
        assertThat(servers()).extracting(ServerState::name, ServerState::adminState)
                .containsExactlyInAnyOrder(tuple("i-4", "READY"), tuple("i-5", "READY"));
    }

    /**
     * HAProxy 2.6 dies of a segmentation fault when a dynamic server is deleted while requests flow (seen within a
     * few rounds here): servers that leave are retired instead, and HAProxy keeps serving through any number of them.
     */
    @Test
    void deadServersLeavingUnderTrafficNeverBringHaproxyDown() throws Exception {
        ConfigureProxyHandler handler = handler(true);
        instances.get(1).kill();
        instances.get(2).kill();
        AtomicBoolean flowing = new AtomicBoolean(true);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI front = URI.create("http://" + master.privateAddress() + ":" + ports.proxy() + "/");
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread client = new Thread(() -> {
                while (flowing.get()) {
                    try {
                        http.send(HttpRequest.newBuilder(front).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                    } catch (IOException e) {
                        // a request to a dead server fails: that is the traffic this test needs
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            client.setDaemon(true);
            client.start();
            clients.add(client);
        }
        try {
            for (int round = 0; round < 20; round++) {
                assertThat(handler.handle(configure(master.privateAddress(), 4, 5, 6)).succeeded()).as("round %d: in", round).isTrue();
                await().atMost(Duration.ofSeconds(5)).until(() -> servers().stream().filter(s -> s.operationalState().equals("STOPPED")).count() == 2);
                Outcome out = handler.handle(configure(master.privateAddress(), 4));
                assertThat(out.succeeded()).as("round %d: out: %s", round, out.error()).isTrue();
            }
        } finally {
            flowing.set(false);
            for (Thread client : clients) {
                client.join(5_000);
            }
        }
        assertThat(master.haproxy().alive()).as("the master's HAProxy").isTrue();
        assertThat(http.send(HttpRequest.newBuilder(front).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void aServerTakenOutOfServiceIsPutBack() {
        ConfigureProxyHandler handler = handler(false);
        handler.handle(configure(master.privateAddress(), 4));
        HaproxyRuntime runtime = master.runtime();
        runtime.send("set server app/i-4 state maint");

        Outcome outcome = handler.handle(configure(master.privateAddress(), 4));

        assertThat(outcome.outputs()).containsEntry("repaired", "i-4");
        assertThat(servers()).extracting(ServerState::name, ServerState::adminState).containsExactly(tuple("i-4", "READY"));
    }

    @Test
    void withChecksADeadServerIsTakenOutByHaproxy() {
        instances.get(2).kill();

        handler(true).handle(configure(master.privateAddress(), 4, 6));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(servers()).extracting(ServerState::name, ServerState::operationalState)
                        .containsExactlyInAnyOrder(tuple("i-4", "RUNNING"), tuple("i-6", "STOPPED")));
    }

    @Test
    void anUnreachableHaproxyIsWorthRetrying() {
        master.kill();

        Outcome outcome = handler(true).handle(configure(master.privateAddress(), 5));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retriable()).isTrue();
        assertThat(outcome.error()).contains("unreachable").contains(master.privateAddress());
    }

    @Test
    void aRefusalIsPermanentAndCarriesHaproxysWords() {
        ProxySettings wrongBackend = new ProxySettings(ports.admin(), ports.app(), "no_such_backend", true, Duration.ofSeconds(2));
        ConfigureProxyHandler handler = new ConfigureProxyHandler(new HaproxyBackends(wrongBackend,
                RuntimeApiCertificates.get().proxyConfigurator()), wrongBackend);

        Outcome outcome = handler.handle(configure(master.privateAddress(), 5));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retriable()).isFalse();
        assertThat(outcome.error()).contains("Can't find backend");
    }

    @Test
    void aClientCertificateOfAnotherAuthorityConfiguresNothing() {
        ClientPemFiles theirs = RuntimeApiCertificates.create("another-authority").proxyConfiguratorFiles();
        RuntimeApiAccess stranger = RuntimeApiAccess.mutualTls(new ClientPemFiles(RuntimeApiCertificates.get().authorityPem(),
                theirs.certificate(), theirs.key()));

        Outcome outcome = handler(true, stranger).handle(configure(master.privateAddress(), 4, 5));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.error()).contains(master.privateAddress() + ":" + ports.admin())
                .contains("accepts only client certificates issued by [CN=understudy-test-runtime-api-ca]")
                .contains("issued by CN=another-authority");
        assertThat(servers()).isEmpty();
    }

    @Test
    void plaintextConfiguresNothingOnAnInstanceThatTakesMutualTls() {
        Outcome outcome = handler(true, RuntimeApiAccess.plaintext()).handle(configure(master.privateAddress(), 4, 5));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(servers()).isEmpty();
    }

    @Test
    void withTlsTurnedOffAnInstanceWhoseRuntimeApiIsPlaintextIsConfigured() {
        AppInstance old = AppInstance.startPlaintext(Infrastructure.workDir("instance"), subnet + 7, ports);
        instances.add(old);

        Outcome outcome = handler(true, RuntimeApiAccess.plaintext()).handle(configure(old.privateAddress(), 4, 5));

        assertThat(outcome.succeeded()).as(outcome.error()).isTrue();
        assertThat(old.runtime().serversState("app")).extracting(ServerState::name).containsExactlyInAnyOrder("i-4", "i-5");
    }

    @Test
    void theClientCertificateDoesNotMakeAPlaintextInstanceTrusted() {
        AppInstance old = AppInstance.startPlaintext(Infrastructure.workDir("instance"), subnet + 7, ports);
        instances.add(old);

        Outcome outcome = handler(true).handle(configure(old.privateAddress(), 4, 5));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.error()).contains(old.privateAddress());
        assertThat(old.runtime().serversState("app")).isEmpty();
    }

    @Test
    void serversThatCannotBeConfiguredAreRefusedWithoutTouchingHaproxy() {
        ConfigureProxy command = configure(master.privateAddress());
        command.setServers(List.of(new ProxyServer("i-9", "127.0.0.1;del server app/i-4")));

        Outcome outcome = handler(true).handle(command);

        assertThat(outcome.retriable()).isFalse();
        assertThat(outcome.error()).contains("not an IPv4 address");
        assertThat(servers()).isEmpty();
    }
}
