package io.understudy.devstack;

import java.util.Optional;
import java.util.Properties;

/** Where clients reach the stack. */
record StackAddresses(String kafka, String registry) {
    private static final String KAFKA = "kafka.bootstrap.servers";
    private static final String REGISTRY = "schema.registry.url";

    Properties toProperties() {
        Properties properties = new Properties();
        properties.setProperty(KAFKA, kafka);
        properties.setProperty(REGISTRY, registry);
        return properties;
    }

    static Optional<StackAddresses> from(Properties properties) {
        String kafka = properties.getProperty(KAFKA);
        String registry = properties.getProperty(REGISTRY);
        return kafka == null || registry == null ? Optional.empty() : Optional.of(new StackAddresses(kafka, registry));
    }

    String describe() {
        return "kafka: " + kafka + "\nregistry: " + registry;
    }
}
