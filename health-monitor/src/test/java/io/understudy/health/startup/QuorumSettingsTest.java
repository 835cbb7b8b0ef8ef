package io.understudy.health.startup;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuorumSettingsTest {

    @Test
    void the_membership_names_the_replica_and_its_zone_in_a_form_kafka_accepts() {
        String endpoint = (String) settings("replica-1", "us-east-1a").properties().get(StreamsConfig.APPLICATION_SERVER_CONFIG);

        assertThat(endpoint).isEqualTo("replica-1%us-east-1a:0");
        assertThat(HostInfo.buildFromEndpoint(endpoint).host()).isEqualTo("replica-1%us-east-1a");
        assertThat(settings("replica-1", "").properties().get(StreamsConfig.APPLICATION_SERVER_CONFIG)).isEqualTo("replica-1:0");
    }

    @Test
    void every_client_of_the_quorum_reaches_kafka_as_the_services_kafka_settings_say() {
        Properties properties = settings("replica-1", "", Map.of("kafka.bootstrap.servers", "broker:9093",
                "kafka.security.protocol", "SASL_SSL", "kafka.sasl.username", "health-monitor", "kafka.sasl.password", "p"))
                .properties();

        assertThat(properties).containsEntry("bootstrap.servers", "broker:9093").containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "quorum");
        assertThat(properties.getProperty("sasl.jaas.config")).contains("username=\"health-monitor\"");
    }

    @Test
    void a_zone_holds_only_what_a_replica_id_may() {
        assertThatThrownBy(() -> monitor("us east%1")).hasMessage(
                "understudy.health.zone may hold letters, digits, '.', '_' and '-', was us east%1");
        assertThat(monitor("use1-az1").zone()).isEqualTo("use1-az1");
    }

    private static QuorumSettings settings(String replicaId, String zone) {
        return settings(replicaId, zone, Map.of(io.understudy.kafka.KafkaSettings.BOOTSTRAP_SERVERS, "localhost:9092"));
    }

    private static QuorumSettings settings(String replicaId, String zone, Map<String, String> kafka) {
        return new QuorumSettings("quorum", io.understudy.kafka.KafkaSettings.of(kafka).access(), replicaId, zone, 1,
                Path.of("target", "quorum-settings-test"), Duration.ofMillis(20), Duration.ofMillis(10), Duration.ofSeconds(10));
    }

    private static MonitorSettings monitor(String zone) {
        return new MonitorSettings(8080, "/health", 0, "/haproxy-health", Duration.ofMillis(100), Duration.ofMillis(300), 256,
                "replica-1", zone, 3, 2, Duration.ofSeconds(1), Duration.ofSeconds(5));
    }
}
