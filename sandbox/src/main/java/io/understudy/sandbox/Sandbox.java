package io.understudy.sandbox;

import io.understudy.haproxy.ClientPemFiles;
import io.understudy.sandbox.api.SandboxHttpServer;
import io.understudy.sandbox.cloud.Cloud;
import io.understudy.sandbox.local.LocalResources;
import io.understudy.sandbox.store.StateFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;

/**
 * A running sandbox cloud: the EC2 API on 127.0.0.1, the cloud's rules in the middle, local processes, listeners
 * and directories under {@code dir}. Closing ends every instance's processes and every Elastic IP listener; the
 * state stays in {@code dir}, and the next start brings running instances back.
 */
public final class Sandbox implements AutoCloseable {
    /** Elastic IPs listen on this port of their public address, as port 80 would on EC2. */
    public static final int ELASTIC_IP_PORT = Cloud.ELASTIC_IP_PORT;
    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

    private final Path dir;
    private final LocalResources resources;
    private final SandboxHttpServer http;

    private Sandbox(Path dir, LocalResources resources, SandboxHttpServer http) {
        this.dir = dir;
        this.resources = resources;
        this.http = http;
    }

    /** Starts on {@code port} (0 for an ephemeral one) and writes {@code <dir>/endpoint} once it answers. */
    public static Sandbox start(Path dir, int port) {
        Path root = dir.toAbsolutePath().normalize();
        createDirectories(root);
        StateFile stateFile = new StateFile(root);
        LocalResources resources = new LocalResources(root, ELASTIC_IP_PORT);
        Cloud cloud = new Cloud(stateFile.load(), resources, stateFile);
        resources.connect(cloud);
        cloud.recover();
        SandboxHttpServer http;
        try {
            http = SandboxHttpServer.start(port, cloud, resources, Clock.systemUTC());
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
        Sandbox sandbox = new Sandbox(root, resources, http);
        sandbox.writeEndpoint();
        LOG.info("sandbox cloud in {} answers EC2 at {}", root, http.endpoint());
        return sandbox;
    }

    public String endpoint() {
        return http.endpoint();
    }

    public Path dir() {
        return dir;
    }

    /**
     * proxy-configurator's files for the runtime API of this cloud's instances, made at this start:
     * {@code <dir>/tls/ca.pem}, {@code <dir>/tls/proxy-configurator.pem} and {@code <dir>/tls/proxy-configurator.key}.
     */
    public ClientPemFiles runtimeApiClient() {
        return resources.runtimeApiClient();
    }

    /** {@code -Dunderstudy.sandbox=<dir>}, in the command line of every process the sandbox starts. */
    public String marker() {
        return LocalResources.marker(dir);
    }

    @Override
    public void close() {
        http.close();
        resources.close();
        try {
            Files.deleteIfExists(dir.resolve("endpoint"));
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", dir.resolve("endpoint"), e.toString());
        }
        LOG.info("sandbox cloud in {} stopped", dir);
    }

    private void writeEndpoint() {
        Path temp = dir.resolve("endpoint.tmp");
        try {
            Files.writeString(temp, endpoint());
            Files.move(temp, dir.resolve("endpoint"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve("endpoint"), e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
