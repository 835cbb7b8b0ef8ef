package io.understudy.broker;

import io.understudy.kafka.ClientFiles;
import io.understudy.kafka.KafkaSettings;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Kafka (KRaft, broker and controller in one) running inside this JVM, listening on loopback.
 * Secured ({@link #startSecured}), it takes SASL_SSL only, authenticates users by SCRAM-SHA-512, allows them what
 * their ACLs say and nothing else, and leaves each user's client settings in its directory ({@link #clientFiles()});
 * plaintext ({@link #start}), anyone who reaches it may do anything.
 * Its data survives {@link #close()}: starting again on the same directory keeps every topic and record, and
 * the users' passwords.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    /** Another process may grab a port between our probe and Kafka's bind; a new pair usually works. */
    private static final int ATTEMPTS_WITH_EPHEMERAL_PORTS = 3;

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final BrokerSecurity security;

    private KafkaBroker(KafkaRaftServer server, String bootstrapServers, BrokerSecurity security) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.security = security;
    }

    /** Starts a plaintext broker without access control on a free loopback port, storing its data under {@code dataDir}. */
    public static KafkaBroker start(Path dataDir) {
        return onFreePorts(dataDir, null);
    }

    /** Starts a plaintext broker whose clients connect to {@code 127.0.0.1:port}; fails if the port is taken. */
    public static KafkaBroker start(Path dataDir, int port) {
        LoopbackPorts.requireFree(port, "the Kafka broker");
        return start(dataDir, port, LoopbackPorts.free(), null);
    }

    /** Starts a secured broker on a free loopback port: only {@code access}'s users, each allowed what its ACLs say. */
    public static KafkaBroker startSecured(Path dataDir, BrokerAccess access) {
        return onFreePorts(dataDir, access);
    }

    /** Starts a secured broker whose clients connect to {@code 127.0.0.1:port}; fails if the port is taken. */
    public static KafkaBroker startSecured(Path dataDir, int port, BrokerAccess access) {
        LoopbackPorts.requireFree(port, "the Kafka broker");
        return start(dataDir, port, LoopbackPorts.free(), access);
    }

    private static KafkaBroker onFreePorts(Path dataDir, BrokerAccess access) {
        KafkaException last = null;
        for (int attempt = 0; attempt < ATTEMPTS_WITH_EPHEMERAL_PORTS; attempt++) {
            try {
                return start(dataDir, LoopbackPorts.free(), LoopbackPorts.free(), access);
            } catch (KafkaException e) {
                last = e;
            }
        }
        throw last;
    }

    private static KafkaBroker start(Path dataDir, int brokerPort, int controllerPort, BrokerAccess access) {
        Path dir = dataDir.toAbsolutePath();
        BrokerSecurity security = access == null ? null : secure(dir, access);
        BrokerSettings settings = new BrokerSettings(dir, brokerPort, controllerPort, security);
        createDirectories(settings.logDir());
        KafkaConfig config = KafkaConfig.fromProps(settings.properties(), false);
        KraftStorage.formatIfNew(config, settings.logDir(), security == null ? List.of() : security.scramArguments());
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        KafkaBroker broker = new KafkaBroker(server, settings.bootstrapServers(), security);
        try {
            server.startup();
            awaitReady(broker.adminConfig(), broker.bootstrapServers);
            if (security != null) {
                AccessSetup.apply(broker.adminConfig(), security, READY_TIMEOUT);
                security.writeClientFiles(broker.bootstrapServers);
            }
        } catch (RuntimeException e) {
            stop(server);
            throw e instanceof KafkaException k ? k : new KafkaException("Kafka broker did not start: " + e.getMessage(), e);
        }
        return broker;
    }

    /** A directory formatted without security has no administrator to connect as: say so instead of failing to log in. */
    private static BrokerSecurity secure(Path dir, BrokerAccess access) {
        if (KraftStorage.formatted(new BrokerSettings(dir, 0, 0, null).logDir()) && !Credentials.exist(BrokerSecurity.credentialsFile(dir))) {
            throw new IllegalStateException("the Kafka data in " + dir + " was made by a broker without security, which"
                    + " has no administrator to set up users and ACLs: remove the directory, or start it insecure again");
        }
        return BrokerSecurity.prepare(dir, access);
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public boolean secured() {
        return security != null;
    }

    /**
     * How {@code user} reaches this broker: secured, over SASL_SSL as that user, trusting the broker's authority;
     * plaintext, the address alone, for anyone.
     */
    public KafkaSettings clientSettings(String user) {
        return security == null ? KafkaSettings.of(Map.of(KafkaSettings.BOOTSTRAP_SERVERS, bootstrapServers))
                : security.clientSettings(user, bootstrapServers);
    }

    /** Where a secured broker left its users' client settings and its authority's certificate. */
    public Optional<ClientFiles> clientFiles() {
        return Optional.ofNullable(security).map(BrokerSecurity::clients);
    }

    @Override
    public void close() {
        stop(server);
    }

    private Map<String, Object> adminConfig() {
        return security == null ? Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)
                : clientSettings(security.access().admin()).access().clientConfig();
    }

    private static void stop(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    private static void awaitReady(Map<String, Object> adminConfig, String bootstrapServers) {
        Map<String, Object> config = new java.util.HashMap<>(adminConfig);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
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
