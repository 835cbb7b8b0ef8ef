package io.understudy.kafka;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The base configuration of every Kafka client Understudy builds (producers, consumers, admins, Kafka Streams),
 * from {@link KafkaSettings}: where the brokers are and how to prove who it is. Callers add their own fixed
 * settings (serializers, group ids, acknowledgements) to a copy of {@link #clientConfig()}. Bad settings fail
 * here, at start, with what is wrong, never later as a client that cannot connect.
 */
public final class KafkaAccess {
    private static final String PEM = "PEM";
    /** Micronaut's own settings under {@code kafka.}, about its integration rather than a client. */
    private static final List<String> MICRONAUT_ONLY = List.of("health", "consumers", "producers", "streams", "embedded",
            "enabled", "topics");
    private static final Set<String> OWN_KEYS = Set.of(KafkaSettings.SASL_USERNAME, KafkaSettings.SASL_PASSWORD,
            KafkaSettings.SSL_CA_FILE, KafkaSettings.SSL_CERTIFICATE_FILE, KafkaSettings.SSL_KEY_FILE);

    private final Map<String, Object> config;
    private final String description;

    private KafkaAccess(Map<String, Object> config, String description) {
        this.config = Map.copyOf(config);
        this.description = description;
    }

    static KafkaAccess of(KafkaSettings settings) {
        String bootstrap = settings.get(KafkaSettings.BOOTSTRAP_SERVERS).orElseThrow(() -> new IllegalArgumentException(
                KafkaSettings.BOOTSTRAP_SERVERS + " is not set: say where the brokers are, e.g. KAFKA_BOOTSTRAP_SERVERS=host:9093"));
        Protocol protocol = Protocol.of(settings);
        Map<String, Object> config = passedThrough(settings);
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, protocol.name());
        List<String> said = new ArrayList<>(List.of(protocol.name() + " to " + bootstrap));
        sasl(settings, protocol, config).ifPresent(said::add);
        said.addAll(tls(settings, protocol, config));
        return new KafkaAccess(config, String.join(", ", said));
    }

    /** A fresh, mutable copy: add what the client needs. */
    public Map<String, Object> clientConfig() {
        return new HashMap<>(config);
    }

    public String bootstrapServers() {
        return (String) config.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    }

    /** For logs and error messages: the protocol, the brokers, the user and what is trusted; never a secret. */
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return describe();
    }

    private static Map<String, Object> passedThrough(KafkaSettings settings) {
        Map<String, Object> config = new HashMap<>();
        settings.asMap().forEach((key, value) -> {
            String name = key.substring(KafkaSettings.PREFIX.length());
            if (!OWN_KEYS.contains(key) && !micronautOnly(name)) {
                config.put(name, value);
            }
        });
        return config;
    }

    private static boolean micronautOnly(String name) {
        return MICRONAUT_ONLY.stream().anyMatch(own -> name.equals(own) || name.startsWith(own + ".") || name.startsWith(own + "-"));
    }

    /** The JAAS line for a user and password, or Kafka's own {@code sasl.jaas.config} as given; says who it is. */
    private static Optional<String> sasl(KafkaSettings settings, Protocol protocol, Map<String, Object> config) {
        Optional<String> user = settings.get(KafkaSettings.SASL_USERNAME);
        Optional<String> password = settings.get(KafkaSettings.SASL_PASSWORD);
        boolean ownJaas = settings.get(KafkaSettings.SASL_JAAS_CONFIG).isPresent();
        if (user.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException(KafkaSettings.SASL_USERNAME + " and " + KafkaSettings.SASL_PASSWORD
                    + " go together: " + (user.isPresent() ? "the password" : "the user name") + " is missing");
        }
        if (user.isEmpty()) {
            if (protocol.sasl && !ownJaas) {
                throw new IllegalArgumentException(KafkaSettings.SECURITY_PROTOCOL + " is " + protocol + ", which needs "
                        + KafkaSettings.SASL_USERNAME + " and " + KafkaSettings.SASL_PASSWORD + " (or Kafka's own "
                        + KafkaSettings.SASL_JAAS_CONFIG + ")");
            }
            return ownJaas ? Optional.of("as the user of " + KafkaSettings.SASL_JAAS_CONFIG) : Optional.empty();
        }
        if (!protocol.sasl) {
            throw new IllegalArgumentException(KafkaSettings.SASL_USERNAME + " is set, but " + KafkaSettings.SECURITY_PROTOCOL
                    + " is " + protocol + ": a user name and password need SASL_SSL (or SASL_PLAINTEXT)");
        }
        if (ownJaas) {
            throw new IllegalArgumentException("set either " + KafkaSettings.SASL_USERNAME + " and " + KafkaSettings.SASL_PASSWORD
                    + " or " + KafkaSettings.SASL_JAAS_CONFIG + ", not both");
        }
        SaslMechanism mechanism = SaslMechanism.of(settings.get(KafkaSettings.SASL_MECHANISM));
        config.put(SaslConfigs.SASL_MECHANISM, mechanism.kafkaName());
        config.put(SaslConfigs.SASL_JAAS_CONFIG, mechanism.jaasConfig(user.get(), password.get()));
        return Optional.of("as " + user.get() + " (" + mechanism.kafkaName() + ")");
    }

    private static List<String> tls(KafkaSettings settings, Protocol protocol, Map<String, Object> config) {
        Optional<String> ca = settings.get(KafkaSettings.SSL_CA_FILE);
        Optional<String> certificate = settings.get(KafkaSettings.SSL_CERTIFICATE_FILE);
        Optional<String> key = settings.get(KafkaSettings.SSL_KEY_FILE);
        Optional<String> own = Stream.of(KafkaSettings.SSL_CA_FILE, KafkaSettings.SSL_CERTIFICATE_FILE, KafkaSettings.SSL_KEY_FILE)
                .filter(name -> settings.get(name).isPresent()).findFirst();
        if (own.isPresent() && !protocol.tls) {
            throw new IllegalArgumentException(own.get() + " is set, but " + KafkaSettings.SECURITY_PROTOCOL + " is " + protocol
                    + ": certificates are for SSL or SASL_SSL");
        }
        List<String> said = new ArrayList<>();
        ca.ifPresent(file -> {
            refuseBoth(settings, KafkaSettings.SSL_CA_FILE, "kafka.ssl.truststore.location");
            readable(file, KafkaSettings.SSL_CA_FILE);
            config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, PEM);
            config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, file);
            said.add("trusting the certificate authorities in " + file);
        });
        if (certificate.isPresent() != key.isPresent()) {
            throw new IllegalArgumentException(KafkaSettings.SSL_CERTIFICATE_FILE + " and " + KafkaSettings.SSL_KEY_FILE
                    + " go together: " + (certificate.isPresent() ? "the key" : "the certificate") + " is missing");
        }
        if (certificate.isPresent()) {
            refuseBoth(settings, KafkaSettings.SSL_CERTIFICATE_FILE, "kafka.ssl.keystore.location");
            config.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, PEM);
            config.put(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, read(certificate.get(), KafkaSettings.SSL_CERTIFICATE_FILE));
            config.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, read(key.get(), KafkaSettings.SSL_KEY_FILE));
            said.add("with the client certificate in " + certificate.get());
        }
        settings.get("kafka.ssl.truststore.location").ifPresent(store -> said.add("trusting the trust store " + store));
        settings.get("kafka.ssl.keystore.location").ifPresent(store -> said.add("with the key store " + store));
        return said;
    }

    private static void refuseBoth(KafkaSettings settings, String ours, String kafkas) {
        if (settings.get(kafkas).isPresent()) {
            throw new IllegalArgumentException("set either " + ours + " or " + kafkas + ", not both");
        }
    }

    private static void readable(String file, String key) {
        if (!Files.isReadable(Path.of(file))) {
            throw new IllegalArgumentException(key + " is " + file + ", which is not a readable file");
        }
    }

    private static String read(String file, String key) {
        readable(file, key);
        try {
            return Files.readString(Path.of(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key + " " + file, e);
        }
    }

    /** Kafka's security protocols, and what each needs. */
    private enum Protocol {
        PLAINTEXT(false, false), SSL(false, true), SASL_PLAINTEXT(true, false), SASL_SSL(true, true);

        final boolean sasl;
        final boolean tls;

        Protocol(boolean sasl, boolean tls) {
            this.sasl = sasl;
            this.tls = tls;
        }

        static Protocol of(KafkaSettings settings) {
            String name = settings.get(KafkaSettings.SECURITY_PROTOCOL).orElse(PLAINTEXT.name()).strip();
            for (Protocol protocol : values()) {
                if (protocol.name().equalsIgnoreCase(name)) {
                    return protocol;
                }
            }
            throw new IllegalArgumentException(KafkaSettings.SECURITY_PROTOCOL + " is " + name
                    + ", not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
        }
    }
}
