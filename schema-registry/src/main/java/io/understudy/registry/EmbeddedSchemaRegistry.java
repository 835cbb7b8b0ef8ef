package io.understudy.registry;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.understudy.http.CredentialedUrl;
import io.understudy.kafka.KafkaSettings;
import io.understudy.registry.access.ReadAccess;
import io.understudy.registry.access.RegistryAccess;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * The registry inside this JVM, on loopback: for tests and for the dev stack. Secured unless told otherwise: started
 * without {@link RegistryAccess} it makes up a writer and a reader with random passwords and lets only them read;
 * {@link #writerUrl()} and {@link #readerUrl()} carry them for clients, {@link #url()} carries none.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
    /** Micronaut's way of asking for a free port. */
    private static final int ANY_PORT = -1;

    private final ApplicationContext context;
    private final EmbeddedServer server;
    private final RegistryAccess access;

    private EmbeddedSchemaRegistry(ApplicationContext context, EmbeddedServer server, RegistryAccess access) {
        this.context = context;
        this.server = server;
        this.access = access;
    }

    /** Starts on a free loopback port against a plaintext broker; returns once the whole schema log has been read. */
    public static EmbeddedSchemaRegistry start(String bootstrapServers) {
        return start(plaintext(bootstrapServers), ANY_PORT);
    }

    /** Starts on a free loopback port, reaching Kafka as {@code kafka} says (e.g. as the registry's own principal). */
    public static EmbeddedSchemaRegistry start(KafkaSettings kafka) {
        return start(kafka, ANY_PORT);
    }

    public static EmbeddedSchemaRegistry start(String bootstrapServers, int port) {
        return start(plaintext(bootstrapServers), port);
    }

    public static EmbeddedSchemaRegistry start(KafkaSettings kafka, int port) {
        return start(kafka, port, RegistryAccess.generated(ReadAccess.AUTHENTICATED));
    }

    /** With the credentials and read access given, e.g. {@link RegistryAccess#generated} with open reads. */
    public static EmbeddedSchemaRegistry start(KafkaSettings kafka, int port, RegistryAccess access) {
        return start(kafka, port, access, Map.of());
    }

    /** With extra settings, e.g. {@code understudy.registry.topic} so a test can have a log of its own. */
    static EmbeddedSchemaRegistry start(String bootstrapServers, int port, Map<String, Object> settings) {
        return start(plaintext(bootstrapServers), port, RegistryAccess.generated(ReadAccess.AUTHENTICATED), settings);
    }

    /** {@code settings} win over {@code access}'s, so a test can also start a registry the way a wrong configuration would. */
    public static EmbeddedSchemaRegistry start(KafkaSettings kafka, int port, RegistryAccess access, Map<String, Object> settings) {
        if (port > 0) {
            requireFree(port);
        }
        Map<String, Object> properties = new HashMap<>(access.asSettings());
        properties.putAll(settings);
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("micronaut.server.port", port == 0 ? ANY_PORT : port);
        properties.putAll(kafka.asMap());
        ApplicationContext context = ApplicationContext.builder()
                .classLoader(new RegistryBeansOnly(EmbeddedSchemaRegistry.class.getClassLoader()))
                .environments(RegistryEnvironment.NAME)
                .deduceEnvironment(false)
                .environmentPropertySource(false)
                .banner(false)
                .properties(properties)
                .build();
        try {
            context.start();
            EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
            return new EmbeddedSchemaRegistry(context, server, context.getBean(RegistryAccess.class));
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    private static KafkaSettings plaintext(String bootstrapServers) {
        return KafkaSettings.of(Map.of(KafkaSettings.BOOTSTRAP_SERVERS, bootstrapServers));
    }

    private static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " on 127.0.0.1 is already in use, so the schema registry "
                    + "cannot listen there: stop what holds it or choose another port", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}, without credentials: enough to read when reads are open. */
    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /**
     * {@link #url()} with the writer's credentials as user info, for {@code schema.registry.url} of whatever registers
     * schemas (every Understudy service, the operator); the plain URL on an insecure registry. Log it
     * {@link CredentialedUrl#redact redacted}.
     */
    public String writerUrl() {
        return access.writer().map(writer -> CredentialedUrl.with(url(), writer)).orElse(url());
    }

    /** {@link #url()} with the reader's credentials, for subscribers that only deserialize; the plain URL without a reader. */
    public String readerUrl() {
        return access.reader().map(reader -> CredentialedUrl.with(url(), reader)).orElse(url());
    }

    /** Who may do what here, with the credentials (their {@code toString} hides the passwords). */
    public RegistryAccess access() {
        return access;
    }

    @Override
    public void close() {
        server.stop();
        context.close();
    }
}
