package io.understudy.devstack;

import io.understudy.http.CredentialedUrl;
import io.understudy.kafka.KafkaSettings;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Where clients reach the stack, and how: {@code kafka} is how the operator reaches the broker (its user and password
 * on a secured stack), which is what {@code ./understudy status} and the other operator commands read from
 * {@code stack.properties}; {@code clients} is where every principal's own settings are, empty on an insecure stack.
 * {@code registry} carries the registry writer's credentials as user info (for the services and the operator, who
 * register schemas), {@code registryReader} the reader's (for subscribers, who only read). Both are in
 * {@code stack.properties}, which only its owner may read; what is printed or logged shows them redacted.
 * {@code operators}: the operators' authority and the local operator's certificate and key.
 */
record StackAddresses(KafkaSettings kafka, String registry, String registryReader, Optional<Path> clients,
                      Optional<OperatorFiles> operators) {
    static final String REGISTRY = "schema.registry.url";
    static final String REGISTRY_READER = "schema.registry.reader.url";
    private static final String CLIENTS = "clients.dir";

    Properties toProperties() {
        Properties properties = new Properties();
        properties.putAll(kafka.asMap());
        properties.setProperty(REGISTRY, registry);
        properties.setProperty(REGISTRY_READER, registryReader);
        clients.ifPresent(dir -> properties.setProperty(CLIENTS, dir.toString()));
        operators.ifPresent(files -> files.addTo(properties));
        return properties;
    }

    static Optional<StackAddresses> from(Properties properties) {
        KafkaSettings kafka = KafkaSettings.of(properties.stringPropertyNames().stream()
                .filter(name -> !name.equals(REGISTRY) && !name.equals(REGISTRY_READER))
                .collect(Collectors.toMap(name -> name, properties::getProperty)));
        String registry = properties.getProperty(REGISTRY);
        if (kafka.get(KafkaSettings.BOOTSTRAP_SERVERS).isEmpty() || registry == null) {
            return Optional.empty();
        }
        return Optional.of(new StackAddresses(kafka, registry, properties.getProperty(REGISTRY_READER, registry),
                Optional.ofNullable(properties.getProperty(CLIENTS)).map(Path::of), OperatorFiles.from(properties)));
    }

    String bootstrapServers() {
        return kafka.get(KafkaSettings.BOOTSTRAP_SERVERS).orElseThrow();
    }

    /**
     * What {@code up} and {@code status} print (and the stack's log): the demo reads the {@code kafka:} and
     * {@code clients:} lines, and the registry's URLs with their credentials from {@code stack.properties}.
     */
    String describe() {
        String security = clients.map(dir -> "security: SASL_SSL (SCRAM-SHA-512) and ACLs, one principal per service; each"
                        + " principal's Kafka settings in <clients>/<principal>.properties, the operator's in stack.properties\n"
                        + "clients: " + dir)
                .orElse("security: none, plaintext and no access control (--insecure)");
        boolean credentials = CredentialedUrl.parse(registry).credentials().isPresent();
        String registryAccess = credentials
                ? "registry access: HTTP basic; the writer's URL (services, operator) in stack.properties as " + REGISTRY
                        + ", the read-only reader's (subscribers) as " + REGISTRY_READER + "\n"
                        + "registry reader: " + CredentialedUrl.redact(registryReader) + "\n"
                : "registry access: none, anyone may register schemas (--insecure)\n";
        return "kafka: " + bootstrapServers() + "\nregistry: " + CredentialedUrl.redact(registry) + "\n" + registryAccess + security
                + operators.map(files -> "\n" + files.describe()).orElse("");
    }

    @Override
    public String toString() {
        return "StackAddresses[kafka=" + bootstrapServers() + ", registry=" + CredentialedUrl.redact(registry) + "]";
    }
}
