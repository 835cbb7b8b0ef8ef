package io.understudy.testing.services;

import io.understudy.http.BasicCredentials;
import io.understudy.testing.NetworkCut;
import io.understudy.testing.RepositoryRoot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import static org.awaitility.Awaitility.await;

/**
 * One Understudy service as an operator runs it, {@code java -jar} on its runnable jar, which a test may stop,
 * or kill with SIGKILL and start again.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final String VERSION = "0.1.0-SNAPSHOT";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Map<String, Path> COPIES = new ConcurrentHashMap<>();
    /** Small, and quick to start rather than fast: the tests start many services on few cores. */
    private static final List<String> TEST_JVM = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final String module;
    private final int httpPort;
    private final Process process;
    private final Path log;
    private final BasicCredentials management;

    private ServiceProcess(String module, int httpPort, Process process, Path log, BasicCredentials management) {
        this.module = module;
        this.httpPort = httpPort;
        this.process = process;
        this.log = log;
        this.management = management;
    }

    /** The checkout: {@code -Dunderstudy.root}, else the nearest directory above this one that holds mvnw. */
    public static Path root() {
        String configured = System.getProperty("understudy.root");
        return configured != null ? Path.of(configured).toAbsolutePath().normalize()
                : RepositoryRoot.find().orElseThrow(() -> new IllegalStateException("cannot find the checkout above "
                + Path.of("").toAbsolutePath()));
    }

    /** Starts the module's service, its output in {@code logDir/<logName>.log}; {@link #awaitHealthy} says when it is up. */
    public static ServiceProcess start(String module, int httpPort, Map<String, String> environment, Path logDir,
                                       String logName) throws IOException {
        return start(module, httpPort, environment, logDir, logName, null);
    }

    /**
     * Starts the module's service inside the group of a network cut, so that cutting the group off from an address
     * cuts this service off from it; null: outside any.
     */
    public static ServiceProcess start(String module, int httpPort, Map<String, String> environment, Path logDir,
                                       String logName, NetworkCut group) throws IOException {
        return start(module, httpPort, environment, logDir, logName, group, TEST_JVM);
    }

    /**
     * Starts the module's service with JVM options of the caller's instead of the tests' (which trade speed for a
     * quick start), e.g. a benchmark's.
     */
    public static ServiceProcess start(String module, int httpPort, Map<String, String> environment, Path logDir,
                                       String logName, NetworkCut group, List<String> jvmOptions) throws IOException {
        Files.createDirectories(logDir);
        Path log = logDir.resolve(logName + ".log");
        List<String> java = new ArrayList<>();
        java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        java.addAll(jvmOptions);
        java.addAll(List.of("-jar", jar(module).toString()));
        List<String> command = group == null ? java : group.command(java);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("MICRONAUT_SERVER_PORT", String.valueOf(httpPort));
        // the suite's management credentials unless the test gave its own: /prometheus and health details need them
        builder.environment().putIfAbsent(Management.VARIABLE, Management.CREDENTIALS.userInfo());
        BasicCredentials management = BasicCredentials.fromUserInfo(builder.environment().get(Management.VARIABLE)).orElse(null);
        return new ServiceProcess(module, httpPort, builder.start(), log, management);
    }

    /**
     * A private copy of the module's runnable jar, taken once per test JVM: another build in the same checkout may
     * rewrite the jar while services start and restart, and a JVM whose jar changes under it dies of missing
     * classes. A copy that is not a complete jar (taken mid-write) is taken again.
     */
    private static Path jar(String module) {
        return COPIES.computeIfAbsent(module, m -> {
            Path jar = root().resolve(m).resolve("target").resolve(m + "-" + VERSION + "-all.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("runnable jar missing: " + jar + " (./mvnw package builds it before these tests)");
            }
            Path copy = Path.of("target", "service-jars", m + ".jar").toAbsolutePath();
            await("a complete copy of " + jar).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2))
                    .ignoreExceptions().until(() -> copied(jar, copy));
            return copy;
        });
    }

    private static boolean copied(Path jar, Path copy) throws IOException {
        Files.createDirectories(copy.getParent());
        Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
        try (JarFile file = new JarFile(copy.toFile())) {
            return file.getManifest() != null && file.getManifest().getMainAttributes().getValue("Main-Class") != null
                    && file.stream().count() > 100;
        }
    }

    /** Waits until {@code /health} answers 200, failing at once with the log's name if the process exits. */
    public ServiceProcess awaitHealthy(Duration timeout) {
        await("health of " + module).atMost(timeout).pollInterval(Duration.ofMillis(250))
                .failFast("process of " + module + " exited; log: " + log, () -> !process.isAlive())
                .until(() -> healthStatus() == 200);
        return this;
    }

    public int healthStatus() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
                    .timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public String module() {
        return module;
    }

    public int httpPort() {
        return httpPort;
    }

    /** {@code http://127.0.0.1:<port><path>} on the service's HTTP port. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    /** What the service's /prometheus and /health's details take; null if a test started it without any. */
    public BasicCredentials managementCredentials() {
        return management;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no commit, no goodbye to the group. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(module + " survived SIGKILL");
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
