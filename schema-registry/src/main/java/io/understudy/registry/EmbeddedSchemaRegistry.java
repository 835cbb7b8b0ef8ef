package io.understudy.registry;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.understudy.kafka.KafkaSettings;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/** The registry inside this JVM, on loopback: for tests and for the dev stack. */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
    /** Micronaut's way of asking for a free port. */
    private static final int ANY_PORT = -1;

    private final ApplicationContext context;
    private final EmbeddedServer server;

    private EmbeddedSchemaRegistry(ApplicationContext context, EmbeddedServer server) {
        this.context = context;
        this.server = server;
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
        return start(kafka, port, Map.of());
    }

    /** With extra settings, e.g. {@code understudy.registry.topic} so a test can have a log of its own. */
    static EmbeddedSchemaRegistry start(String bootstrapServers, int port, Map<String, Object> settings) {
        return start(plaintext(bootstrapServers), port, settings);
    }

    static EmbeddedSchemaRegistry start(KafkaSettings kafka, int port, Map<String, Object> settings) {
        if (port > 0) {
            requireFree(port);
        }
        Map<String, Object> properties = new HashMap<>(settings);
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
            return new EmbeddedSchemaRegistry(context, server);
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

    /** {@code http://127.0.0.1:<port>}, for {@code schema.registry.url}. */
    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() {
        server.stop();
        context.close();
    }
}
