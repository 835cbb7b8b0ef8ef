package io.understudy.haproxy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real HAProxy in master-worker mode for this module's tests (test-infrastructure builds on this module,
 * so it cannot be used here). Master CLI on a unix socket and on TCP, runtime API on TCP.
 */
final class LocalHaproxy implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    final Path dir;
    final int appPort = freePort();
    final int adminPort = freePort();
    final int masterPort = freePort();
    private final Process process;

    private LocalHaproxy(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        Path config = dir.resolve("haproxy.cfg");
        Files.writeString(config, """
                global
                    stats socket ipv4@127.0.0.1:%d level admin
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                frontend stand_in_app
                    bind 127.0.0.1:%d
                    http-request return status 200 content-type text/plain string ok
                backend app
                    balance roundrobin
                """.formatted(adminPort, appPort));
        // unix@ and relative: HAProxy refuses a socket path over 97 bytes, which an absolute path in a deep checkout passes
        process = new ProcessBuilder(binary(), "-W", "-S", "unix@" + masterSocket(),
                "-S", "ipv4@127.0.0.1:" + masterPort, "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("haproxy.log").toFile())
                .start();
    }

    static LocalHaproxy start(String name) throws IOException {
        LocalHaproxy haproxy = new LocalHaproxy(Path.of("target", "haproxy-" + name + "-" + ProcessHandle.current().pid()));
        try {
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> !haproxy.master().workers().isEmpty() && haproxy.runtime().send("show info").contains("Pid:"));
        } catch (RuntimeException e) {
            haproxy.close();
            throw new IllegalStateException("HAProxy did not start: " + Files.readString(haproxy.dir.resolve("haproxy.log")), e);
        }
        return haproxy;
    }

    Path masterSocket() {
        return dir.resolve("master.sock");
    }

    MasterCli master() {
        return MasterCli.unixSocket(masterSocket(), TIMEOUT);
    }

    HaproxyRuntime runtime() {
        return new HaproxyRuntime("127.0.0.1", adminPort, TIMEOUT);
    }

    @Override
    public void close() {
        List<ProcessHandle> tree = process.descendants().toList();
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String binary() {
        for (String candidate : List.of("/usr/sbin/haproxy", "/usr/local/sbin/haproxy", "/usr/bin/haproxy")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "haproxy";
    }
}
