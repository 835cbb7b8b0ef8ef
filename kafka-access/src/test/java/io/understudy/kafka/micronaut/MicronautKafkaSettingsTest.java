package io.understudy.kafka.micronaut;

import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.AbstractPropertySourceLoader;
import io.micronaut.context.env.EnvironmentPropertySource;
import io.micronaut.context.env.MapPropertySource;
import io.micronaut.context.env.PropertySource;
import io.understudy.kafka.KafkaAccess;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A service's kafka.* settings from its Micronaut environment, as application.yml and environment variables give them. */
class MicronautKafkaSettingsTest {

    @Test
    void environmentVariablesReachTheClientsAsKafkaNamesThem() {
        try (ApplicationContext context = ApplicationContext.builder()
                .propertySources(PropertySource.of("application.yml", Map.of("kafka.bootstrap.servers", "localhost:9092"),
                                AbstractPropertySourceLoader.DEFAULT_POSITION),
                        environmentVariables(Map.of(
                                "KAFKA_BOOTSTRAP_SERVERS", "broker:9093",
                                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                                "KAFKA_SASL_USERNAME", "ip-manager",
                                "KAFKA_SASL_PASSWORD", "p",
                                "KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", "https")))
                .start()) {
            Map<String, Object> config = context.getBean(KafkaAccess.class).clientConfig();

            assertThat(config).containsEntry("bootstrap.servers", "broker:9093").containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("ssl.endpoint.identification.algorithm", "https");
            assertThat((String) config.get("sasl.jaas.config")).contains("username=\"ip-manager\"");
            assertThat(config.keySet()).as("only Kafka's spellings, none of Micronaut's others").noneMatch(key -> key.contains("-"));
        }
    }

    @Test
    void micronautKafkasOwnClientsGetTheSameConfigurationAsEveryOther() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "kafka.bootstrap.servers", "broker:9093", "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.username", "health-monitor", "kafka.sasl.password", "p", "kafka.health.restricted", true))) {
            Map<Object, Object> defaults = Map.copyOf(context.getBean(KafkaDefaultConfiguration.class).getConfig());

            assertThat(defaults).containsAllEntriesOf(Map.copyOf(context.getBean(KafkaAccess.class).clientConfig()))
                    .doesNotContainKeys("sasl.username", "sasl.password", "health.restricted");
        }
    }

    /** As Micronaut reads the process environment: its convention, and ahead of application.yml. */
    private static PropertySource environmentVariables(Map<String, Object> variables) {
        return new MapPropertySource("environment", variables) {
            @Override
            public int getOrder() {
                return EnvironmentPropertySource.POSITION;
            }

            @Override
            public PropertyConvention getConvention() {
                return PropertyConvention.ENVIRONMENT_VARIABLE;
            }
        };
    }
}
