package io.understudy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** moto's EC2 emulator ({@code moto_server}) as a child process on a free loopback port. */
public final class MotoServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private MotoServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts moto and returns once it answers HTTP; its output goes to {@code workDir/moto.log}. */
    public static MotoServer start(Path workDir) {
        int port = FreePorts.pick();
        Path log = workDir.toAbsolutePath().resolve("moto.log");
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(binary().toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            // moto accepts any image id only without it, and tests use moto's default AMIs and made-up ones alike
            builder.environment().remove("MOTO_ENABLE_AMI_VALIDATION");
            MotoServer moto = new MotoServer(builder.start(), port, log);
            ShutdownHook.register(moto);
            moto.awaitAnswer();
            return moto;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start moto_server", e);
        }
    }

    /** {@code <repository root>/.venv/bin/moto_server}, else the one on PATH. */
    static Path binary() {
        List<Path> venv = RepositoryRoot.find().map(root -> List.of(root.resolve(".venv/bin"))).orElse(List.of());
        String root = RepositoryRoot.find().map(Path::toString).orElse("<repository root>");
        return Executables.find("moto_server", venv, List.of()).orElseThrow(() -> new IllegalStateException(
                "moto_server not found: run ./understudy test (it installs moto into .venv), or pip install 'moto[server]' into "
                        + root + "/.venv"));
    }

    /** {@code http://127.0.0.1:<port>}: the endpoint override for the AWS SDK. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Forgets every resource moto holds (all accounts and regions). */
    public void reset() {
        HttpResponse<String> response = call(HttpRequest.newBuilder(URI.create(endpoint() + "/moto-api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("moto did not reset: HTTP " + response.statusCode() + " " + response.body());
        }
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        ProcessTree.kill(process.toHandle(), STOP_TIMEOUT);
        ShutdownHook.unregister(this);
    }

    @Override
    public String toString() {
        return "MotoServer[" + endpoint() + ", pid " + pid() + "]";
    }

    private void awaitAnswer() {
        try {
            await("moto_server on " + endpoint()).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("moto_server exited with " + process.exitValue());
                }
                try {
                    return call(HttpRequest.newBuilder(URI.create(endpoint() + "/moto-api/")).GET()).statusCode() < 500;
                } catch (UncheckedIOException notYet) {
                    return false;
                }
            });
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("moto_server did not start: " + e.getMessage() + "\n" + readLog(), e);
        }
    }

    private HttpResponse<String> call(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling moto", e);
        }
    }

    private String readLog() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
