package io.understudy.haproxy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a real HAProxy 2.6 process. */
class HaproxyRuntimeTest {
    private static LocalHaproxy haproxy;

    @BeforeAll
    static void start() throws IOException {
        haproxy = LocalHaproxy.start("runtime");
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

    @Test
    void aClosedPortIsUnavailable() {
        HaproxyRuntime nobody = new HaproxyRuntime("127.0.0.1", LocalHaproxy.freePort(), Duration.ofSeconds(1));

        assertThatThrownBy(() -> nobody.send("show info"))
                .isInstanceOf(HaproxyUnavailableException.class)
                .hasMessageContaining("did not answer 'show info'");
    }

    @Test
    void aSilentPeerIsUnavailableAfterTheTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            HaproxyRuntime runtime = new HaproxyRuntime("127.0.0.1", silent.getLocalPort(), Duration.ofMillis(300));
            long started = System.nanoTime();

            assertThatThrownBy(() -> runtime.send("show info"))
                    .isInstanceOf(HaproxyUnavailableException.class)
                    .hasMessageContaining("timed out");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }
}
