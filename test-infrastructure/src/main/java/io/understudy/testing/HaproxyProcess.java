package io.understudy.testing;

import io.understudy.haproxy.HaproxyProc;
import io.understudy.haproxy.MasterCli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A real HAProxy in master-worker mode ({@code -W -S <workDir>/master.sock}), kept as a child of this JVM
 * (not daemonised) so that it can be killed, and stopped at JVM exit if a test forgets.
 */
public final class HaproxyProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(2);
    /**
     * HAProxy refuses a master socket path over 97 bytes (sun_path's 108 less room for its temporary name); deep
     * checkouts overflow it, so the socket then goes into a short directory of its own under the temporary directory.
     */
    static final int MAX_SOCKET_PATH = 97;

    private final Process process;
    private final Path workDir;
    private final Path masterSocket;

    private HaproxyProcess(Process process, Path workDir, Path masterSocket) {
        this.process = process;
        this.workDir = workDir;
        this.masterSocket = masterSocket;
    }

    /**
     * Writes {@code haproxy.cfg} into workDir, starts HAProxy on it in workDir (relative paths in the configuration
     * are resolved from there) and returns once its worker runs.
     */
    public static HaproxyProcess start(Path workDir, String configText) {
        Path dir = workDir.toAbsolutePath();
        Path config = dir.resolve("haproxy.cfg");
        Path log = dir.resolve("haproxy.log");
        try {
            Path socket = socketPath(dir.resolve("master.sock"));
            Files.createDirectories(dir);
            Files.deleteIfExists(socket);
            Files.writeString(config, configText);
            // unix@: HAProxy would read a bare path with a colon in it as host:port
            Process process = new ProcessBuilder(binary(), "-W", "-S", "unix@" + socket, "-f", config.toString())
                    // relative paths in the configuration (short unix socket paths) are the work directory's
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            HaproxyProcess haproxy = new HaproxyProcess(process, dir, socket);
            ShutdownHook.register(haproxy);
            haproxy.awaitWorker(log);
            return haproxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start HAProxy in " + dir, e);
        }
    }

    /** The haproxy executable, from PATH or Debian's /usr/sbin. */
    public static String binary() {
        return Executables.find("haproxy", List.of(), List.of(Path.of("/usr/sbin"), Path.of("/usr/local/sbin")))
                .map(Path::toString)
                .orElseThrow(() -> new IllegalStateException(
                        "HAProxy not found: run ./understudy test (it installs the Debian package), or apt-get install haproxy"));
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** The master CLI ({@code <workDir>/master.sock} unless that path is too long): {@code show proc}, {@code reload}. */
    public MasterCli masterCli() {
        return MasterCli.unixSocket(masterSocket, CLI_TIMEOUT);
    }

    public Path workDir() {
        return workDir;
    }

    /** What HAProxy printed so far, for failure messages. */
    public String log() {
        try {
            return Files.readString(workDir.resolve("haproxy.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL to the master and its workers, as a machine that dies; returns once none of them is left. */
    public void kill() {
        ProcessTree.kill(process.toHandle(), KILL_TIMEOUT);
        ShutdownHook.unregister(this);
        removeShortSocketDirectory();
    }

    private void removeShortSocketDirectory() {
        if (masterSocket.startsWith(workDir)) {
            return;
        }
        try {
            Files.deleteIfExists(masterSocket);
            Files.deleteIfExists(masterSocket.getParent());
        } catch (IOException e) {
            System.err.println("cannot remove " + masterSocket.getParent() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        kill();
    }

    @Override
    public String toString() {
        return "HaproxyProcess[pid " + pid() + ", " + workDir + "]";
    }

    private void awaitWorker(Path log) {
        try {
            await("HAProxy's first worker").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("HAProxy exited with " + process.exitValue());
                }
                try {
                    return masterCli().processes().stream().anyMatch(HaproxyProc::worker);
                } catch (RuntimeException notYet) {
                    return false;
                }
            });
        } catch (RuntimeException e) {
            kill();
            throw new IllegalStateException("HAProxy did not start in " + workDir + ": " + e.getMessage() + "\n" + log(), e);
        }
    }

    private static Path socketPath(Path absolute) throws IOException {
        if (absolute.toString().length() <= MAX_SOCKET_PATH) {
            return absolute;
        }
        Path shortDir = Files.createTempDirectory("haproxy");
        Path socket = shortDir.resolve(absolute.getFileName());
        if (socket.toString().length() > MAX_SOCKET_PATH) {
            throw new IllegalStateException("the master socket path " + absolute + " is too long for a unix socket, and so is "
                    + socket + " in the temporary directory; use a shorter work directory or java.io.tmpdir");
        }
        return socket;
    }
}
