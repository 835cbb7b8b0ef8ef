package io.understudy.kafka.micronaut;

import io.micronaut.context.env.Environment;
import io.understudy.kafka.KafkaSettings;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * A service's {@code kafka.*} settings from its Micronaut environment: {@code application.yml}, config files and
 * environment variables ({@code KAFKA_SASL_USERNAME} is {@code kafka.sasl.username}), in Micronaut's order.
 */
public final class MicronautKafkaSettings {
    private static final String KAFKA = "kafka";

    private MicronautKafkaSettings() {
    }

    /**
     * Micronaut lists a setting from an environment variable under every spelling it could have had
     * ({@code security.protocol}, {@code security-protocol}); Kafka's names have dots only.
     */
    public static KafkaSettings read(Environment environment) {
        Map<String, Object> entries = environment.getProperties(KAFKA);
        return KafkaSettings.of(entries.entrySet().stream()
                .filter(e -> !e.getKey().contains("-"))
                .collect(Collectors.toMap(e -> KafkaSettings.PREFIX + e.getKey(), Map.Entry::getValue)));
    }
}
