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
 * so it cannot be used here). Master CLI on a unix socket and on TCP; the runtime API on TCP, over mutual TLS as
 * {@link RuntimeApiConfig} sets it up, or in plaintext as instances had it before. HAProxy runs in its directory,
 * so that its sockets' paths stay short.
 */
final class LocalHaproxy implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    static final String ADDRESS = "127.0.0.1";

    final Path dir;
    final int appPort;
    final int adminPort;
    final int masterPort = freePort();
    private final RuntimeApiAccess access;
    private final Process process;

    private LocalHaproxy(Path dir, int appPort, int adminPort, String runtimeApiGlobal, String runtimeApiSections,
                         RuntimeApiAccess access) throws IOException {
        this.dir = dir;
        this.appPort = appPort;
        this.adminPort = adminPort;
        this.access = access;
        Files.writeString(dir.resolve("haproxy.cfg"), """
                global
                %s
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

                %s
                """.formatted(runtimeApiGlobal.stripTrailing(), appPort, runtimeApiSections));
        process = new ProcessBuilder(binary(), "-W", "-S", "unix@master.sock", "-S", "ipv4@127.0.0.1:" + masterPort, "-f", "haproxy.cfg")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("haproxy.log").toFile())
                .start();
    }

    /** The runtime API over mutual TLS, with a server certificate for 127.0.0.1 from {@code server}; our client is {@code client}'s. */
    static LocalHaproxy start(String name, TestCertificates server, ClientPemFiles client) throws IOException {
        return startWithBundle(name, server, server.serverBundle(directory(name), ADDRESS), client);
    }

    static LocalHaproxy start(String name, TestCertificates certificates) throws IOException {
        return start(name, certificates, certificates.client());
    }

    /** The runtime API over mutual TLS with the given server certificate bundle, trusting the clients of {@code authority}. */
    static LocalHaproxy startWithBundle(String name, TestCertificates authority, Path bundle, ClientPemFiles client) throws IOException {
        Path dir = directory(name);
        int adminPort = freePort();
        RuntimeApiConfig config = new RuntimeApiConfig(ADDRESS, adminPort, bundle.toAbsolutePath(), authority.authorityPem().toAbsolutePath(),
                Path.of("runtime-api.sock"));
        return awaitStarted(new LocalHaproxy(dir, freePort(), adminPort, config.globalLines(), config.sections(), RuntimeApiAccess.mutualTls(client)));
    }

    /** An instance as before mutual TLS: the runtime API in plaintext on its address. */
    static LocalHaproxy startPlaintext(String name) throws IOException {
        Path dir = directory(name);
        int adminPort = freePort();
        return awaitStarted(new LocalHaproxy(dir, freePort(), adminPort, RuntimeApiConfig.plaintextGlobalLines(ADDRESS, adminPort), "",
                RuntimeApiAccess.plaintext()));
    }

    /** Any HAProxy configuration around the stand-in app; the runtime API is then whatever the lines make of it. */
    static LocalHaproxy startWith(String name, int adminPort, String globalLines, String sections, RuntimeApiAccess access) throws IOException {
        return awaitStarted(new LocalHaproxy(directory(name), freePort(), adminPort, globalLines, sections, access));
    }

    private static LocalHaproxy awaitStarted(LocalHaproxy haproxy) throws IOException {
        try {
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> !haproxy.master().workers().isEmpty() && haproxy.master().send("@1 show info").contains("Pid:"));
        } catch (RuntimeException e) {
            haproxy.close();
            throw new IllegalStateException("HAProxy did not start: " + Files.readString(haproxy.dir.resolve("haproxy.log")), e);
        }
        return haproxy;
    }

    private static Path directory(String name) {
        Path dir = Path.of("target", "haproxy-" + name + "-" + ProcessHandle.current().pid());
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dir, e);
        }
    }

    Path masterSocket() {
        return dir.resolve("master.sock");
    }

    MasterCli master() {
        return MasterCli.unixSocket(masterSocket(), TIMEOUT);
    }

    /** The runtime API as this HAProxy's own client reaches it: with the client certificate, or in plaintext. */
    HaproxyRuntime runtime() {
        return access.at(ADDRESS, adminPort, TIMEOUT);
    }

    /** The runtime API as another client reaches it. */
    HaproxyRuntime runtime(RuntimeApiAccess other) {
        return other.at(ADDRESS, adminPort, TIMEOUT);
    }

    /** What the worker has, asked through the master CLI on its local socket: TLS plays no part in the answer. */
    List<String> serverNames() {
        return master().send("@1 show servers state app").lines().skip(2).filter(l -> !l.isBlank())
                .map(l -> l.split("\\s+")[3]).toList();
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
