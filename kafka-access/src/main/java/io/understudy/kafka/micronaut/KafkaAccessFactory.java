package io.understudy.kafka.micronaut;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import io.understudy.kafka.KafkaAccess;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The service's one {@link KafkaAccess}, from its {@code kafka.*} settings; a bad setting stops the start. */
@Factory
public class KafkaAccessFactory {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaAccessFactory.class);

    @Singleton
    KafkaAccess kafkaAccess(Environment environment) {
        KafkaAccess access = MicronautKafkaSettings.read(environment).access();
        LOG.info("Kafka: {}", access.describe());
        return access;
    }
}
