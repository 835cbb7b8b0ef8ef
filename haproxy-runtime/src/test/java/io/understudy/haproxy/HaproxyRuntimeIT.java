package io.understudy.haproxy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a real HAProxy 2.6 process, over mutual TLS. */
class HaproxyRuntimeIT {
    private static TestCertificates certificates;
    private static LocalHaproxy haproxy;

    @BeforeAll
    static void start() throws IOException {
        certificates = TestCertificates.create("runtime-test-ca");
        haproxy = LocalHaproxy.start("runtime", certificates);
    }

    @AfterAll
    static void stop() {
        if (haproxy != null) {
            haproxy.close();
        }
    }

    @Test
    void reportsServersAddedAtRunTime() {
        HaproxyRuntime runtime = haproxy.runtime();
        assertThat(runtime.send("add server app/rt-1 127.0.0.1:" + haproxy.appPort)).contains("New server registered.");

        assertThat(runtime.serversState("app")).contains(new ServerState("app", "rt-1", "127.0.0.1", haproxy.appPort, "STOPPED", "MAINT"));

        assertThat(runtime.send("enable server app/rt-1")).isBlank();
        assertThat(runtime.serversState("app")).contains(new ServerState("app", "rt-1", "127.0.0.1", haproxy.appPort, "RUNNING", "READY"));
    }

    @Test
    void refusesAnUnknownBackend() {
        assertThatThrownBy(() -> haproxy.runtime().serversState("no_such_backend"))
                .isInstanceOf(HaproxyRefusedException.class)
                .hasMessageContaining("Can't find backend");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(booleans = {true, false})
    void aClosedPortIsUnavailable(boolean tls) {
        HaproxyRuntime nobody = access(tls).at("127.0.0.1", LocalHaproxy.freePort(), Duration.ofSeconds(1));

        assertThatThrownBy(() -> nobody.send("show info"))
                .isInstanceOf(HaproxyUnavailableException.class)
                .isNotInstanceOf(HaproxyTlsException.class)
                .hasMessageContaining("did not answer 'show info'");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(booleans = {true, false})
    void aSilentPeerIsUnavailableAfterTheTimeout(boolean tls) throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            HaproxyRuntime runtime = access(tls).at("127.0.0.1", silent.getLocalPort(), Duration.ofMillis(300));
            long started = System.nanoTime();

            assertThatThrownBy(() -> runtime.send("show info"))
                    .isInstanceOf(HaproxyUnavailableException.class)
                    .isNotInstanceOf(HaproxyTlsException.class)
                    .hasMessageContaining("timed out");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }

    private static RuntimeApiAccess access(boolean tls) {
        return tls ? RuntimeApiAccess.mutualTls(certificates.client()) : RuntimeApiAccess.plaintext();
    }
}
