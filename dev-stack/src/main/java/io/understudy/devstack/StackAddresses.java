package io.understudy.devstack;

import io.understudy.kafka.KafkaSettings;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Where clients reach the stack, and how: {@code kafka} is how the operator reaches the broker (its user and password
 * on a secured stack), which is what {@code ./understudy status} and the other operator commands read from
 * {@code stack.properties}; {@code clients} is where every principal's own settings are, empty on an insecure stack;
 * {@code operators}: the operators' authority and the local operator's certificate and key.
 */
record StackAddresses(KafkaSettings kafka, String registry, Optional<Path> clients, Optional<OperatorFiles> operators) {
    private static final String REGISTRY = "schema.registry.url";
    private static final String CLIENTS = "clients.dir";

    Properties toProperties() {
        Properties properties = new Properties();
        properties.putAll(kafka.asMap());
        properties.setProperty(REGISTRY, registry);
        clients.ifPresent(dir -> properties.setProperty(CLIENTS, dir.toString()));
        operators.ifPresent(files -> files.addTo(properties));
        return properties;
    }

    static Optional<StackAddresses> from(Properties properties) {
        KafkaSettings kafka = KafkaSettings.of(properties.stringPropertyNames().stream()
                .collect(Collectors.toMap(name -> name, properties::getProperty)));
        String registry = properties.getProperty(REGISTRY);
        if (kafka.get(KafkaSettings.BOOTSTRAP_SERVERS).isEmpty() || registry == null) {
            return Optional.empty();
        }
        return Optional.of(new StackAddresses(kafka, registry, Optional.ofNullable(properties.getProperty(CLIENTS)).map(Path::of),
                OperatorFiles.from(properties)));
    }

    String bootstrapServers() {
        return kafka.get(KafkaSettings.BOOTSTRAP_SERVERS).orElseThrow();
    }

    /** What {@code up} and {@code status} print; the demo reads the {@code kafka:}, {@code registry:} and {@code clients:} lines. */
    String describe() {
        String security = clients.map(dir -> "security: SASL_SSL (SCRAM-SHA-512) and ACLs, one principal per service; each"
                        + " principal's Kafka settings in <clients>/<principal>.properties, the operator's in stack.properties\n"
                        + "clients: " + dir)
                .orElse("security: none, plaintext and no access control (--insecure)");
        return "kafka: " + bootstrapServers() + "\nregistry: " + registry + "\n" + security
                + operators.map(files -> "\n" + files.describe()).orElse("");
    }
}
