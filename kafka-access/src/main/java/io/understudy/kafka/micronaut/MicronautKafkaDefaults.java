package io.understudy.kafka.micronaut;

import io.micronaut.configuration.kafka.config.KafkaDefaultConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.understudy.kafka.KafkaAccess;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import java.util.Properties;

/**
 * Micronaut Kafka's own clients (its health indicator's admin) take the {@code kafka.*} settings as they are
 * written, which would leave them without the JAAS line built from a user name and password: they get the same
 * configuration as every other client instead.
 */
@Singleton
@Requires(classes = KafkaDefaultConfiguration.class)
public class MicronautKafkaDefaults implements BeanCreatedEventListener<KafkaDefaultConfiguration> {
    private final Provider<KafkaAccess> access;

    public MicronautKafkaDefaults(Provider<KafkaAccess> access) {
        this.access = access;
    }

    @Override
    public KafkaDefaultConfiguration onCreated(BeanCreatedEvent<KafkaDefaultConfiguration> event) {
        Properties config = event.getBean().getConfig();
        config.clear();
        config.putAll(access.get().clientConfig());
        return event.getBean();
    }
}
