package io.understudy.operator.connection;

import io.understudy.kafka.KafkaSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the operator's commands find Kafka, and as whom; no broker needed. */
class ConnectionTest {
    @TempDir
    Path dir;

    private Path stack(String user) throws Exception {
        Path stack = Files.createDirectories(dir.resolve("stack"));
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, "-----BEGIN CERTIFICATE-----\n");
        Files.writeString(stack.resolve("stack.properties"), String.join("\n",
                "kafka.bootstrap.servers=127.0.0.1:9092", "kafka.security.protocol=SASL_SSL",
                "kafka.sasl.username=" + user, "kafka.sasl.password=from-the-stack", "kafka.ssl.ca.file=" + ca,
                "schema.registry.url=http://127.0.0.1:8081", "clients.dir=" + dir));
        return stack;
    }

    @Test
    void theDevStackIsReachedAsItsOperator() throws Exception {
        Connection connection = Connection.resolve(null, null, null, stack("operator"), Map.of());

        assertThat(connection.kafka().describe()).startsWith("SASL_SSL to 127.0.0.1:9092, as operator (SCRAM-SHA-512)");
        assertThat(connection.clientConfig()).containsEntry("schema.registry.url", "http://127.0.0.1:8081")
                .containsEntry("security.protocol", "SASL_SSL").doesNotContainKey("clients.dir");
        assertThat(connection.registryUrl()).isEqualTo("http://127.0.0.1:8081");
    }

    @Test
    void kafkaEnvironmentVariablesComeBeforeTheStackAndAreTakenWhole() throws Exception {
        Connection connection = Connection.resolve(null, null, null, stack("operator"),
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka.example:9093", "UNDERSTUDY_SCHEMA_REGISTRY_URL", "http://registry.example"));

        assertThat(connection.clientConfig()).containsEntry("bootstrap.servers", "kafka.example:9093")
                .containsEntry("security.protocol", "PLAINTEXT").doesNotContainKey("sasl.jaas.config");
        assertThat(connection.registryUrl()).isEqualTo("http://registry.example");
    }

    @Test
    void aSettingsFileComesFirstAndTheBootstrapOptionNamesOtherBrokersForIt() throws Exception {
        Path file = dir.resolve("ops.properties");
        KafkaSettings.of(Map.of(KafkaSettings.BOOTSTRAP_SERVERS, "kafka-1:9093", KafkaSettings.SECURITY_PROTOCOL, "SASL_SSL",
                KafkaSettings.SASL_USERNAME, "alice", KafkaSettings.SASL_PASSWORD, "p")).write(file, "test");

        Connection fromFile = Connection.resolve(null, file, null, stack("operator"), Map.of("KAFKA_BOOTSTRAP_SERVERS", "other:9092"));
        Connection elsewhere = Connection.resolve("kafka-2:9093", file, null, null, Map.of());

        assertThat(fromFile.kafka().describe()).isEqualTo("SASL_SSL to kafka-1:9093, as alice (SCRAM-SHA-512)");
        assertThat(elsewhere.kafka().describe()).isEqualTo("SASL_SSL to kafka-2:9093, as alice (SCRAM-SHA-512)");
    }

    @Test
    void withNothingSaidItIsPlaintextOnLocalhost() {
        Connection connection = Connection.resolve(null, null, null, dir.resolve("no-stack"), Map.of("PATH", "/usr/bin"));

        assertThat(connection.kafka().describe()).isEqualTo("PLAINTEXT to localhost:9092");
        assertThat(connection.registryUrl()).isEqualTo("http://localhost:8081");
    }

    @Test
    void settingsThatCannotWorkAreRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> Connection.resolve(null, null, null, null, Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")))
                .hasMessageContaining("needs kafka.sasl.username and kafka.sasl.password");
    }
}
