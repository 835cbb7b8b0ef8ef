package io.understudy.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How to reach Kafka, as written by whoever configures a client: {@code kafka.*} keys, the same in a service's
 * {@code application.yml}, in a properties file and (as {@code KAFKA_SECURITY_PROTOCOL} and so on) in the
 * environment. Besides Kafka's own client settings, which pass through, it knows a few of its own that
 * {@link KafkaAccess} turns into Kafka's: {@link #SASL_USERNAME} and {@link #SASL_PASSWORD} (a JAAS line for the
 * mechanism), {@link #SSL_CA_FILE} (a PEM trust store), {@link #SSL_CERTIFICATE_FILE} and {@link #SSL_KEY_FILE}
 * (a PEM key store). The password never appears in {@link #toString()}.
 */
public final class KafkaSettings {
    public static final String PREFIX = "kafka.";
    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    public static final String SECURITY_PROTOCOL = "kafka.security.protocol";
    public static final String SASL_MECHANISM = "kafka.sasl.mechanism";
    public static final String SASL_USERNAME = "kafka.sasl.username";
    public static final String SASL_PASSWORD = "kafka.sasl.password";
    public static final String SASL_JAAS_CONFIG = "kafka.sasl.jaas.config";
    /** A PEM file of the certificate authorities to trust, instead of a trust store. */
    public static final String SSL_CA_FILE = "kafka.ssl.ca.file";
    /** Mutual TLS from PEM files: the client's certificate (chain) and its PKCS#8 key, instead of a key store. */
    public static final String SSL_CERTIFICATE_FILE = "kafka.ssl.certificate.file";
    public static final String SSL_KEY_FILE = "kafka.ssl.key.file";
    private static final String ENVIRONMENT_PREFIX = "KAFKA_";
    /** Environment variables of Kafka's own scripts (KAFKA_OPTS, KAFKA_HEAP_OPTS, ...), not client settings. */
    private static final String SCRIPT_VARIABLE_SUFFIX = "OPTS";
    private static final String HIDDEN = "******";

    private final SortedMap<String, String> values;

    private KafkaSettings(Map<String, String> values) {
        this.values = new TreeMap<>(values);
    }

    /** The {@code kafka.*} entries of {@code settings}; every other key is ignored. Values are taken as text. */
    public static KafkaSettings of(Map<String, ?> settings) {
        return new KafkaSettings(settings.entrySet().stream()
                .filter(e -> e.getKey().startsWith(PREFIX) && e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue()))));
    }

    /**
     * {@code KAFKA_SECURITY_PROTOCOL=SASL_SSL} as {@code kafka.security.protocol}: the part after {@code KAFKA_},
     * lower case, each underscore a dot (Kafka's client settings have no underscores), as Micronaut maps them.
     */
    public static KafkaSettings fromEnvironment(Map<String, String> environment) {
        return new KafkaSettings(environment.entrySet().stream()
                .filter(e -> e.getKey().startsWith(ENVIRONMENT_PREFIX) && !e.getKey().endsWith(SCRIPT_VARIABLE_SUFFIX))
                .filter(e -> !e.getValue().isBlank())
                .collect(Collectors.toMap(e -> PREFIX + e.getKey().substring(ENVIRONMENT_PREFIX.length())
                        .toLowerCase(Locale.ROOT).replace('_', '.'), Map.Entry::getValue)));
    }

    /** The {@code kafka.*} entries of a properties file. */
    public static KafkaSettings load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Kafka client settings in " + file, e);
        }
        return of(properties.stringPropertyNames().stream().collect(Collectors.toMap(Function.identity(), properties::getProperty)));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(value -> !value.isBlank());
    }

    /** These settings with one more, or one replaced. */
    public KafkaSettings with(String key, String value) {
        if (!key.startsWith(PREFIX)) {
            throw new IllegalArgumentException(key + " is not a Kafka setting: they start with " + PREFIX);
        }
        TreeMap<String, String> changed = new TreeMap<>(values);
        changed.put(key, value);
        return new KafkaSettings(changed);
    }

    /** Every entry, keys with their {@code kafka.} prefix: for Micronaut properties, or a file. */
    public SortedMap<String, String> asMap() {
        return new TreeMap<>(values);
    }

    /** The environment variables that say the same to a service: {@code kafka.sasl.username} as {@code KAFKA_SASL_USERNAME}. */
    public SortedMap<String, String> asEnvironment() {
        return values.entrySet().stream().collect(Collectors.toMap(
                e -> e.getKey().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), Map.Entry::getValue,
                (a, b) -> b, TreeMap::new));
    }

    /** Writes them as a properties file only its owner can read, since it may hold a password. */
    public void write(Path file, String comment) {
        Properties properties = new Properties();
        properties.putAll(values);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            StringWriter text = new StringWriter();
            properties.store(text, comment);
            // created owner-only, then moved: no reader ever sees the password in a wider file or half a file
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(temp, text.toString(), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            ownerOnly(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Kafka client settings to " + file, e);
        }
    }

    /** Checked and turned into the configuration of a Kafka client; fails with what is wrong. */
    public KafkaAccess access() {
        return KafkaAccess.of(this);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KafkaSettings settings && settings.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** Every key, with the password and any other secret hidden. */
    @Override
    public String toString() {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + (secret(e.getKey()) ? HIDDEN : e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    static boolean secret(String key) {
        return key.endsWith("password") || key.endsWith("jaas.config") || key.endsWith("keystore.key");
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // a file system without POSIX permissions: nothing to tighten
        }
    }
}
