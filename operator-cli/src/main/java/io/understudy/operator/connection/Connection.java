package io.understudy.operator.connection;

import io.understudy.http.CredentialedUrl;
import io.understudy.kafka.KafkaAccess;
import io.understudy.kafka.KafkaSettings;
import io.understudy.schemas.serde.AvroSerializer;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Where Understudy's Kafka and schema registry are, and how the operator reaches Kafka (TLS, SASL) and the registry
 * (the registry writer's credentials as user info in {@code registryUrl}: operator commands register their schemas).
 */
public record Connection(KafkaAccess kafka, String registryUrl) {
    private static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    /**
     * Kafka as the first that says: {@code --kafka-config} (a file of {@code kafka.*} settings), the {@code KAFKA_*}
     * environment variables the services read too, the dev stack started by {@code ./understudy stack up} (its
     * {@code stack.properties}, which reaches its broker as the operator), then plaintext on localhost; each whole,
     * so that credentials never go to brokers they were not given for. {@code --bootstrap-servers} then names other
     * brokers for them. The registry: the option, the environment, the dev stack, localhost.
     */
    public static Connection resolve(String bootstrapOption, Path kafkaConfigOption, String registryOption, Path stackDir,
                                     Map<String, String> environment) {
        Optional<Properties> stack = stackAddresses(stackDir);
        KafkaSettings kafka = kafkaSettings(kafkaConfigOption, stack, environment);
        if (bootstrapOption != null && !bootstrapOption.isBlank()) {
            kafka = kafka.with(KafkaSettings.BOOTSTRAP_SERVERS, bootstrapOption);
        } else if (kafka.get(KafkaSettings.BOOTSTRAP_SERVERS).isEmpty()) {
            kafka = kafka.with(KafkaSettings.BOOTSTRAP_SERVERS, DEFAULT_BOOTSTRAP_SERVERS);
        }
        String registry = first(registryOption, environment.get("UNDERSTUDY_SCHEMA_REGISTRY_URL"),
                stack.map(p -> p.getProperty("schema.registry.url")).orElse(null), "http://localhost:8081");
        return new Connection(kafka.access(), registry);
    }

    private static KafkaSettings kafkaSettings(Path file, Optional<Properties> stack, Map<String, String> environment) {
        if (file != null) {
            return KafkaSettings.load(file);
        }
        KafkaSettings fromEnvironment = KafkaSettings.fromEnvironment(environment);
        if (!fromEnvironment.isEmpty()) {
            return fromEnvironment;
        }
        return stack.map(Connection::kafkaEntries).orElseGet(() -> KafkaSettings.of(Map.of()));
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** How to reach Kafka and the registry URL: copy it and add what a client needs. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = kafka.clientConfig();
        config.put(AvroSerializer.REGISTRY_URL, registryUrl);
        // an operator's command must not hang for minutes on a wrong address
        config.put("request.timeout.ms", 10_000);
        config.put("default.api.timeout.ms", 15_000);
        return config;
    }

    @Override
    public String toString() {
        return "Connection[kafka=" + kafka.bootstrapServers() + ", registry=" + CredentialedUrl.redact(registryUrl) + "]";
    }

    private static KafkaSettings kafkaEntries(Properties stack) {
        return KafkaSettings.of(stack.stringPropertyNames().stream().collect(Collectors.toMap(name -> name, stack::getProperty)));
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
