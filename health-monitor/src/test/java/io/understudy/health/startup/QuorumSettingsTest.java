package io.understudy.health.startup;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

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
    void a_zone_holds_only_what_a_replica_id_may() {
        assertThatThrownBy(() -> monitor("us east%1")).hasMessage(
                "understudy.health.zone may hold letters, digits, '.', '_' and '-', was us east%1");
        assertThat(monitor("use1-az1").zone()).isEqualTo("use1-az1");
    }

    private static QuorumSettings settings(String replicaId, String zone) {
        return new QuorumSettings("quorum", "localhost:9092", replicaId, zone, 1, Path.of("target", "quorum-settings-test"),
                Duration.ofMillis(20), Duration.ofMillis(10), Duration.ofSeconds(10));
    }

    private static MonitorSettings monitor(String zone) {
        return new MonitorSettings(8080, "/health", 0, "/haproxy-health", Duration.ofMillis(100), Duration.ofMillis(300), 256,
                "replica-1", zone, 3, 2, Duration.ofSeconds(1), Duration.ofSeconds(5));
    }
}
