package io.understudy.demo.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.understudy.demo.polling.Polling.await;

/** The sandbox cloud as its own process; ready once it has written its endpoint file. */
public final class SandboxProcess implements AutoCloseable {
    private final JavaProcess process;
    private final String endpoint;

    private SandboxProcess(JavaProcess process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static SandboxProcess start(Path jar, Path dir, Path logDir) throws IOException {
        Files.createDirectories(dir);
        Path endpointFile = dir.resolve("endpoint");
        Files.deleteIfExists(endpointFile);
        JavaProcess process = JavaProcess.start("sandbox", jar, List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                List.of("--dir", dir.toString(), "--port", "0"), Map.of(), logDir);
        try {
            await("the sandbox's endpoint file " + endpointFile).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .failFast("the sandbox exited; see its log " + process.log(), () -> !process.alive())
                    .until(() -> Files.isRegularFile(endpointFile) && !Files.readString(endpointFile).isBlank());
            return new SandboxProcess(process, Files.readString(endpointFile).trim());
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    public String endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.close();
    }
}
