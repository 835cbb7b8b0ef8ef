package io.understudy.streams;

import io.understudy.kafka.KafkaSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class StreamsPropertiesTest {
    private static final Map<String, String> SECURED = Map.of("kafka.bootstrap.servers", "broker:9093",
            "kafka.security.protocol", "SASL_SSL", "kafka.sasl.username", "orchestrator", "kafka.sasl.password", "p");

    @Test
    void every_client_of_the_application_reaches_kafka_as_the_services_kafka_settings_say() {
        Properties properties = StreamsProperties.exactlyOnce(KafkaSettings.of(SECURED).access(), "saga", 3, Path.of("state"))
                .properties();

        assertThat(properties).containsEntry("bootstrap.servers", "broker:9093").containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "saga")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.REPLICATION_FACTOR_CONFIG, 3)
                .containsEntry(StreamsConfig.STATE_DIR_CONFIG, "state");
        assertThat(properties.getProperty("sasl.jaas.config")).contains("username=\"orchestrator\"");
    }

    @Test
    void latency_and_the_applications_own_settings_come_on_top() {
        Properties properties = StreamsProperties.exactlyOnce(KafkaSettings.of(SECURED).access(), "quorum", 1, Path.of("state"))
                .latency(Duration.ofMillis(20), Duration.ofMillis(10), Duration.ZERO)
                .mainConsumer(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest")
                .with(StreamsConfig.APPLICATION_SERVER_CONFIG, "replica-1:0")
                .properties();

        assertThat(properties).containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 20L)
                .containsEntry(StreamsConfig.POLL_MS_CONFIG, 10L)
                .containsEntry("producer.linger.ms", 0)
                .containsEntry("main.consumer.auto.offset.reset", "latest")
                .containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG, "replica-1:0");
    }

    @Test
    void an_application_told_no_state_directory_keeps_its_state_under_the_temporary_directory() {
        assertThat(StreamsProperties.defaultStateDir("saga"))
                .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "understudy-saga"));
    }
}
