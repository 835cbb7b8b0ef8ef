package io.understudy.testing;

import io.understudy.haproxy.ClientPemFiles;
import io.understudy.haproxy.HaproxyRuntime;
import io.understudy.haproxy.HaproxyTlsException;
import io.understudy.haproxy.HaproxyUnavailableException;
import io.understudy.haproxy.RuntimeApiAccess;
import io.understudy.haproxy.ServerState;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class AppInstanceIT {
    private static final String ADDRESS = "127.77.1.4";

    @Test
    void answersHealthAndBalancesOverServersAddedAtRunTime() throws Exception {
        try (AppInstance instance = AppInstance.start(Infrastructure.workDir("app"), ADDRESS, InstancePorts.pickFree())) {
            HttpResponse<String> health = Probes.get(instance.appUrl("/health"));
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("ok");
            assertThat(Probes.get(instance.proxyUrl("/")).statusCode()).as("no server in backend app yet").isEqualTo(503);

            HaproxyRuntime runtime = instance.runtime();
            assertThat(runtime.send("add server app/self " + ADDRESS + ":" + instance.ports().app())).contains("New server registered.");
            runtime.send("enable server app/self");

            assertThat(runtime.serversState("app")).extracting(ServerState::name, ServerState::address, ServerState::port)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("self", ADDRESS, instance.ports().app()));
            HttpResponse<String> proxied = Probes.get(instance.proxyUrl("/anything"));
            assertThat(proxied.statusCode()).isEqualTo(200);
            assertThat(proxied.body()).isEqualTo("ok");
        }
    }

    @Test
    void theRuntimeApiTakesProxyConfiguratorsCertificateAndRefusesEveryOtherClient() {
        try (AppInstance instance = AppInstance.start(Infrastructure.workDir("app"), ADDRESS, InstancePorts.pickFree())) {
            RuntimeApiCertificates another = RuntimeApiCertificates.create("another-authority");
            HaproxyRuntime stranger = instance.runtime(RuntimeApiAccess.mutualTls(new ClientPemFiles(
                    RuntimeApiCertificates.get().authorityPem(), another.proxyConfiguratorFiles().certificate(),
                    another.proxyConfiguratorFiles().key())));
            HaproxyRuntime plaintext = instance.runtime(RuntimeApiAccess.plaintext());

            assertThatThrownBy(() -> stranger.send("add server app/stranger " + ADDRESS + ":1")).isInstanceOf(HaproxyTlsException.class);
            assertThat(attempt(plaintext, "add server app/plaintext " + ADDRESS + ":1")).doesNotContain("New server");
            assertThat(instance.runtime().send("add server app/ours " + ADDRESS + ":1")).contains("New server registered.");

            assertThat(instance.runtime().serversState("app")).extracting(ServerState::name).containsExactly("ours");
        }
    }

    @Test
    void aPlaintextInstanceServesItsRuntimeApiToAnyone() {
        try (AppInstance instance = AppInstance.startPlaintext(Infrastructure.workDir("app"), ADDRESS, InstancePorts.pickFree())) {
            assertThat(instance.runtime(RuntimeApiAccess.plaintext()).send("show info")).contains("Pid:");
            assertThatThrownBy(() -> instance.runtime(RuntimeApiCertificates.get().proxyConfigurator()).send("show info"))
                    .isInstanceOf(HaproxyUnavailableException.class);
        }
    }

    private static String attempt(HaproxyRuntime runtime, String command) {
        try {
            return runtime.send(command);
        } catch (HaproxyUnavailableException e) {
            return "unavailable: " + e.getMessage();
        }
    }

    @Test
    void killClosesEveryPortOfTheInstance() {
        InstancePorts ports = InstancePorts.pickFree();
        try (AppInstance instance = AppInstance.start(Infrastructure.workDir("app"), ADDRESS, ports)) {
            assertThat(Probes.listening(ADDRESS, ports.app())).isTrue();
            assertThat(Probes.listening(ADDRESS, ports.proxy())).isTrue();
            assertThat(Probes.listening(ADDRESS, ports.admin())).isTrue();
            long worker = instance.haproxy().masterCli().workers().get(0).pid();

            instance.kill();

            assertThat(instance.haproxy().alive()).isFalse();
            assertThat(ProcessHandle.of(worker).map(ProcessTree::gone).orElse(true)).isTrue();
            // no waiting: kill() returns only once the processes, and so their sockets, are gone
            assertThat(Probes.listening(ADDRESS, ports.app())).isFalse();
            assertThat(Probes.listening(ADDRESS, ports.proxy())).isFalse();
            assertThat(Probes.listening(ADDRESS, ports.admin())).isFalse();
        }
    }

    @Test
    void checkedServersFollowTheirHealth() {
        InstancePorts ports = InstancePorts.pickFree();
        int closedPort = FreePorts.pick();
        try (AppInstance instance = AppInstance.start(Infrastructure.workDir("app"), ADDRESS, ports)) {
            HaproxyRuntime runtime = instance.runtime();
            runtime.send("add server app/up " + ADDRESS + ":" + ports.app() + " check inter 100");
            runtime.send("add server app/down " + ADDRESS + ":" + closedPort + " check inter 100");
            for (String server : new String[] {"up", "down"}) {
                runtime.send("enable health app/" + server);
                runtime.send("enable server app/" + server);
            }

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(runtime.serversState("app"))
                    .extracting(ServerState::name, ServerState::operationalState)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("up", "RUNNING"),
                            org.assertj.core.groups.Tuple.tuple("down", "STOPPED")));
        }
    }
}
