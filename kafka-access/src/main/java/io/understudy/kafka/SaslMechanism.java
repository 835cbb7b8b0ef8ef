package io.understudy.kafka;

import org.apache.kafka.common.security.plain.PlainLoginModule;
import org.apache.kafka.common.security.scram.ScramLoginModule;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The SASL mechanisms a user name and password can log in with, and the JAAS line each takes. */
enum SaslMechanism {
    SCRAM_SHA_512("SCRAM-SHA-512", ScramLoginModule.class),
    SCRAM_SHA_256("SCRAM-SHA-256", ScramLoginModule.class),
    /** The password itself crosses the wire: only over TLS. */
    PLAIN("PLAIN", PlainLoginModule.class);

    /** What a user name and password log in with when {@code kafka.sasl.mechanism} does not say. */
    static final SaslMechanism DEFAULT = SCRAM_SHA_512;

    private final String kafkaName;
    private final Class<?> loginModule;

    SaslMechanism(String kafkaName, Class<?> loginModule) {
        this.kafkaName = kafkaName;
        this.loginModule = loginModule;
    }

    static SaslMechanism of(Optional<String> name) {
        if (name.isEmpty()) {
            return DEFAULT;
        }
        return Arrays.stream(values()).filter(m -> m.kafkaName.equalsIgnoreCase(name.get().strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(KafkaSettings.SASL_MECHANISM + " is " + name.get()
                        + ": a user name and password log in with " + Arrays.stream(values()).map(m -> m.kafkaName)
                        .collect(Collectors.joining(", ")) + " (any other mechanism needs Kafka's own "
                        + KafkaSettings.SASL_JAAS_CONFIG + ")"));
    }

    String kafkaName() {
        return kafkaName;
    }

    /** Kafka parses the line with a tokenizer that takes backslash escapes inside quotes. */
    String jaasConfig(String user, String password) {
        return loginModule.getName() + " required username=\"" + quoted(user) + "\" password=\"" + quoted(password) + "\";";
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
