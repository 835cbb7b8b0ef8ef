package io.understudy.haproxy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Against a real HAProxy 2.6 master with its CLI on a unix socket and on TCP. */
class MasterCliIT {
    private static LocalHaproxy haproxy;

    @BeforeAll
    static void start() throws IOException {
        haproxy = LocalHaproxy.start("master", TestCertificates.create("master-test-ca"));
    }

    @AfterAll
    static void stop() {
        if (haproxy != null) {
            haproxy.close();
        }
    }

    @Test
    void showsTheMasterAndItsWorkerOnBothSockets() {
        MasterCli tcp = MasterCli.tcp("127.0.0.1", haproxy.masterPort, LocalHaproxy.TIMEOUT);

        List<HaproxyProc> processes = haproxy.master().processes();

        assertThat(processes).filteredOn(HaproxyProc::master).hasSize(1);
        assertThat(processes).filteredOn(HaproxyProc::worker).isNotEmpty();
        assertThat(tcp.processes()).extracting(HaproxyProc::pid).containsAll(processes.stream().map(HaproxyProc::pid).toList());
    }

    @Test
    void reloadStartsANewWorkerAndForgetsRuntimeChanges() {
        HaproxyRuntime runtime = haproxy.runtime();
        runtime.send("add server app/lost 127.0.0.1:" + haproxy.appPort);
        assertThat(runtime.serversState("app")).extracting(ServerState::name).contains("lost");
        long oldWorker = haproxy.master().workers().get(0).pid();

        haproxy.master().reload();

        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() ->
                assertThat(haproxy.master().workers()).extracting(HaproxyProc::pid).isNotEmpty().doesNotContain(oldWorker));
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() ->
                assertThat(runtime.serversState("app")).extracting(ServerState::name).doesNotContain("lost"));
    }

    @Test
    void aMissingSocketIsUnavailable() {
        MasterCli missing = MasterCli.unixSocket(haproxy.dir.resolve("nobody.sock"), Duration.ofSeconds(1));

        assertThatThrownBy(missing::processes).isInstanceOf(HaproxyUnavailableException.class);
    }
}
