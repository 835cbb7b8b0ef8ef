package io.understudy.execution.kafka;

import io.micronaut.context.ApplicationContext;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** What the command consumer is configured with, from a service's settings; no broker needed. */
class KafkaClientsTest {

    private static Properties commandConsumer(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(Map.of(
                "micronaut.application.name", "volume-manager",
                "kafka.bootstrap.servers", "localhost:9",
                // no understudy.commands.topic: the consumer itself is not started
                "understudy.schema-registry.url", "http://localhost:9"));
        all.putAll(settings);
        try (ApplicationContext context = ApplicationContext.run(all)) {
            return context.getBean(KafkaClients.class).commandConsumerProperties();
        }
    }

    @Test
    void theClassicProtocolTakesTheSessionTimeoutHeartbeatAndStaticMembershipFromTheSettings() {
        Properties properties = commandConsumer(Map.of(
                "understudy.commands.group-protocol", "classic",
                "understudy.commands.session-timeout", "6s",
                "understudy.commands.heartbeat-interval", "1s",
                "understudy.commands.instance-id", "volume-manager-a"));

        assertThat(properties)
                .containsEntry(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic")
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "6000")
                .containsEntry(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "1000")
                .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "volume-manager-a")
                .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "volume-manager")
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }

    @Test
    void everyClientReachesKafkaAsTheServicesKafkaSettingsSay() {
        Properties properties = commandConsumer(Map.of(
                "kafka.bootstrap.servers", "broker:9093",
                "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.username", "volume-manager",
                "kafka.sasl.password", "p",
                "kafka.client.dns.lookup", "use_all_dns_ips"));

        assertThat(properties).containsEntry("bootstrap.servers", "broker:9093").containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("client.dns.lookup", "use_all_dns_ips")
                .doesNotContainKeys("sasl.username", "sasl.password");
        assertThat(properties.getProperty("sasl.jaas.config")).contains("username=\"volume-manager\"");
    }

    @Test
    void theConsumerProtocolLeavesTheSessionToTheBrokerAndMembershipDynamicByDefault() {
        Properties properties = commandConsumer(Map.of());

        assertThat(properties).containsEntry(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer")
                .doesNotContainKeys(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                        ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    }
}
