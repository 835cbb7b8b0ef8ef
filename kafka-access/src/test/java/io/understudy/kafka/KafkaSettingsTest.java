package io.understudy.kafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where kafka.* settings come from besides Micronaut: the environment and a properties file. */
class KafkaSettingsTest {
    @TempDir
    Path dir;

    @Test
    void environmentVariablesNameTheSettingsAsMicronautMapsThem() {
        KafkaSettings settings = KafkaSettings.fromEnvironment(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker:9093",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_USERNAME", "operator",
                "KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", "https",
                "KAFKA_OPTS", "-Xmx1g",
                "KAFKA_HEAP_OPTS", "-Xmx1g",
                "UNDERSTUDY_SCHEMA_REGISTRY_URL", "http://registry",
                "PATH", "/usr/bin"));

        assertThat(settings.asMap()).containsOnly(
                Map.entry("kafka.bootstrap.servers", "broker:9093"),
                Map.entry("kafka.security.protocol", "SASL_SSL"),
                Map.entry("kafka.sasl.username", "operator"),
                Map.entry("kafka.ssl.endpoint.identification.algorithm", "https"));
    }

    @Test
    void asEnvironmentVariablesTheySayTheSame() {
        KafkaSettings settings = KafkaSettings.of(Map.of("kafka.bootstrap.servers", "broker:9093",
                "kafka.sasl.password", "p", "kafka.ssl.ca.file", "/ca.pem"));

        assertThat(settings.asEnvironment()).containsOnly(Map.entry("KAFKA_BOOTSTRAP_SERVERS", "broker:9093"),
                Map.entry("KAFKA_SASL_PASSWORD", "p"), Map.entry("KAFKA_SSL_CA_FILE", "/ca.pem"));
        assertThat(KafkaSettings.fromEnvironment(settings.asEnvironment())).isEqualTo(settings);
    }

    @Test
    void onlyTheKafkaKeysOfAMapAreTaken() {
        KafkaSettings settings = KafkaSettings.of(Map.of("kafka.bootstrap.servers", "b:1", "schema.registry.url", "http://r",
                "kafka.request.timeout.ms", 10_000));

        assertThat(settings.asMap()).containsOnly(Map.entry("kafka.bootstrap.servers", "b:1"),
                Map.entry("kafka.request.timeout.ms", "10000"));
    }

    @Test
    void aWrittenFileReadsBackTheSameAndOnlyItsOwnerCanReadIt() throws Exception {
        KafkaSettings settings = KafkaSettings.of(Map.of("kafka.bootstrap.servers", "127.0.0.1:9093",
                "kafka.security.protocol", "SASL_SSL", "kafka.sasl.username", "operator", "kafka.sasl.password", "x=y:z \\ \""));
        Path file = dir.resolve("clients").resolve("operator.properties");

        settings.write(file, "the operator's Kafka access");

        assertThat(KafkaSettings.load(file)).isEqualTo(settings);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aSettingOutsideKafkaIsRefused() {
        assertThatThrownBy(() -> KafkaSettings.of(Map.of()).with("schema.registry.url", "x"))
                .hasMessageContaining("is not a Kafka setting");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> KafkaSettings.load(dir.resolve("missing.properties")))
                .hasMessageContaining("missing.properties");
    }
}
