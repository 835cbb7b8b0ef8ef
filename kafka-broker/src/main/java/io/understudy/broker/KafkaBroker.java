package io.understudy.broker;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.utils.Time;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Kafka (KRaft, broker and controller in one) running inside this JVM, listening on loopback.
 * Its data survives {@link #close()}: starting again on the same directory keeps every topic and record.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    /** Another process may grab a port between our probe and Kafka's bind; a new pair usually works. */
    private static final int ATTEMPTS_WITH_EPHEMERAL_PORTS = 3;

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private KafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts a broker on a free loopback port, storing its data under {@code dataDir}. */
    public static KafkaBroker start(Path dataDir) {
        KafkaException last = null;
        for (int attempt = 0; attempt < ATTEMPTS_WITH_EPHEMERAL_PORTS; attempt++) {
            try {
                return start(dataDir, LoopbackPorts.free(), LoopbackPorts.free());
            } catch (KafkaException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Starts a broker whose clients connect to {@code 127.0.0.1:port}; fails if the port is taken. */
    public static KafkaBroker start(Path dataDir, int port) {
        LoopbackPorts.requireFree(port, "the Kafka broker");
        return start(dataDir, port, LoopbackPorts.free());
    }

    private static KafkaBroker start(Path dataDir, int brokerPort, int controllerPort) {
        BrokerSettings settings = new BrokerSettings(dataDir.toAbsolutePath(), brokerPort, controllerPort);
        createDirectories(settings.logDir());
        KafkaConfig config = KafkaConfig.fromProps(settings.properties(), false);
        KraftStorage.formatIfNew(config, settings.logDir());
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup();
            awaitReady(settings.bootstrapServers());
        } catch (RuntimeException e) {
            stop(server);
            throw e instanceof KafkaException k ? k : new KafkaException("Kafka broker did not start: " + e.getMessage(), e);
        }
        return new KafkaBroker(server, settings.bootstrapServers());
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        stop(server);
    }

    private static void stop(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    private static void awaitReady(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis()))) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while waiting for the broker at " + bootstrapServers, e);
        } catch (Exception e) {
            throw new KafkaException("broker at " + bootstrapServers + " did not answer within " + READY_TIMEOUT + ": " + e, e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the broker's data directory " + dir, e);
        }
    }
}
