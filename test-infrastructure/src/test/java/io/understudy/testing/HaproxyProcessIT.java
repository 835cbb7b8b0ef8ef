package io.understudy.testing;

import io.understudy.haproxy.HaproxyProc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HaproxyProcessIT {

    @Test
    void runsAsMasterAndWorkerUntilKilled() {
        int port = FreePorts.pick();
        HaproxyProcess haproxy = HaproxyProcess.start(Infrastructure.workDir("haproxy"), """
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 1s
                    timeout server 1s
                frontend f
                    bind 127.0.0.1:%d
                    http-request return status 200 content-type text/plain string ok
                """.formatted(port));
        try {
            assertThat(haproxy.masterCli().processes()).filteredOn(HaproxyProc::master)
                    .extracting(HaproxyProc::pid).containsExactly(haproxy.pid());
            assertThat(Probes.listening("127.0.0.1", port)).isTrue();

            haproxy.kill();

            assertThat(haproxy.alive()).isFalse();
            assertThat(Probes.listening("127.0.0.1", port)).isFalse();
        } finally {
            haproxy.close();
        }
    }

    @ParameterizedTest(name = "socket path of {0} bytes")
    @ValueSource(ints = {HaproxyProcess.MAX_SOCKET_PATH, HaproxyProcess.MAX_SOCKET_PATH + 1, 107, 130})
    void aWorkDirectoryTooDeepForAUnixSocketPathStillGetsItsMasterCli(int socketPathLength, @TempDir Path shallow) {
        // the limit itself, just over it (what a checkout under /check hit), sun_path's own limit, and far beyond
        Path deep = deepDirectory(shallow, socketPathLength - "/master.sock".length());
        assertThat(deep.resolve("master.sock").toString()).hasSize(socketPathLength);

        HaproxyProcess haproxy = HaproxyProcess.start(deep, "defaults\n    mode http\n");
        try {
            assertThat(haproxy.masterCli().processes()).filteredOn(HaproxyProc::master)
                    .extracting(HaproxyProc::pid).containsExactly(haproxy.pid());
        } finally {
            haproxy.close();
        }
    }

    /** Below the temporary directory, not the checkout: every length is reachable however deep the checkout is. */
    private static Path deepDirectory(Path shallow, int length) {
        Path base = shallow.toAbsolutePath();
        int padding = length - base.toString().length() - 1;
        assertThat(padding).as("the work directory leaves room to reach %d bytes", length).isPositive();
        return base.resolve("d".repeat(padding));
    }

    @Test
    void aBrokenConfigurationFailsWithHaproxysComplaint() {
        Path dir = Infrastructure.workDir("haproxy");

        assertThatThrownBy(() -> HaproxyProcess.start(dir, "frontend f\n    bind 127.0.0.1:1\n    no_such_keyword here\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HAProxy did not start")
                .hasMessageContaining("no_such_keyword");
    }

    @Test
    void findsTheBinary() {
        assertThat(Path.of(HaproxyProcess.binary())).isExecutable();
    }

    @Test
    void aProgramThatIsNowhereIsNotFound() {
        assertThat(Executables.find("understudy-no-such-program", java.util.List.of(), java.util.List.of())).isEmpty();
    }
}
