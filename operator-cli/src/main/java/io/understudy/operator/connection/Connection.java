package io.understudy.operator.connection;

import io.understudy.schemas.serde.AvroSerializer;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** Where Understudy's Kafka and schema registry are. */
public record Connection(String bootstrapServers, String registryUrl) {

    /**
     * The first that says: the options, the services' own environment variables, the dev stack started by
     * {@code ./understudy stack up} (its {@code stack.properties}), then the defaults on localhost.
     */
    public static Connection resolve(String bootstrapOption, String registryOption, Path stackDir,
                                     Map<String, String> environment) {
        Optional<Properties> stack = stackAddresses(stackDir);
        String bootstrap = first(bootstrapOption, environment.get("KAFKA_BOOTSTRAP_SERVERS"),
                stack.map(p -> p.getProperty("kafka.bootstrap.servers")).orElse(null), "localhost:9092");
        String registry = first(registryOption, environment.get("UNDERSTUDY_SCHEMA_REGISTRY_URL"),
                stack.map(p -> p.getProperty("schema.registry.url")).orElse(null), "http://localhost:8081");
        return new Connection(bootstrap, registry);
    }

    /** {@code bootstrap.servers} and the registry URL: copy it and add what a client needs. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrapServers);
        config.put(AvroSerializer.REGISTRY_URL, registryUrl);
        // an operator's command must not hang for minutes on a wrong address
        config.put("request.timeout.ms", 10_000);
        config.put("default.api.timeout.ms", 15_000);
        return config;
    }

    private static Optional<Properties> stackAddresses(Path stackDir) {
        Path file = stackDir == null ? null : stackDir.resolve("stack.properties");
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties properties = new Properties();
            properties.load(reader);
            return Optional.of(properties);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String first(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        throw new IllegalStateException("no candidate");
    }
}
