package io.understudy.registry;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.understudy.kafka.KafkaAccess;
import io.understudy.kafka.micronaut.MicronautKafkaSettings;
import io.understudy.registry.access.RegistryAccess;
import io.understudy.registry.catalog.CompatibilityLevel;
import io.understudy.registry.catalog.SchemaCatalog;
import io.understudy.registry.catalog.SchemaRegistry;
import io.understudy.registry.store.KafkaCatalogLog;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the catalog to its Kafka log; the registry is eager so the log is read to its end before serving. */
@Factory
@Requires(env = RegistryEnvironment.NAME)
class RegistryFactory {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryFactory.class);

    @Singleton
    @Bean(preDestroy = "close")
    KafkaCatalogLog catalogLog(Environment environment,
                               // first who may do what: a registry that must not start refuses before it reaches Kafka
                               RegistryAccess access,
                               @Value("${understudy.registry.topic}") String topic,
                               @Value("${understudy.kafka.replication-factor}") short replicationFactor) {
        // read here rather than injected: the registry's context sees no other module's beans (RegistryBeansOnly)
        KafkaAccess kafka = MicronautKafkaSettings.read(environment).access();
        LOG.info("schema log {} on Kafka: {}", topic, kafka.describe());
        return new KafkaCatalogLog(kafka, topic, replicationFactor);
    }

    /**
     * Eager, so a registry without writer credentials refuses to start (unless explicitly insecure) rather than
     * serving everyone.
     */
    @Context
    RegistryAccess registryAccess(@Value("${understudy.registry.writer}") String writer,
                                  @Value("${understudy.registry.reader}") String reader,
                                  @Value("${understudy.registry.reads}") String reads,
                                  @Value("${understudy.registry.insecure}") boolean insecure) {
        RegistryAccess access = RegistryAccess.fromSettings(writer, reader, reads, insecure);
        if (access.secured()) {
            LOG.info("schema registry access: {}", access);
        } else {
            LOG.warn("schema registry INSECURE ({}=true): anyone who reaches it may register schemas and change"
                    + " compatibility levels", RegistryAccess.INSECURE);
        }
        return access;
    }

    @Context
    SchemaRegistry schemaRegistry(KafkaCatalogLog log,
                                  @Value("${understudy.registry.default-compatibility}") String defaultLevel) {
        CompatibilityLevel level = CompatibilityLevel.parse(defaultLevel).orElseThrow(() -> new IllegalArgumentException(
                "understudy.registry.default-compatibility is " + defaultLevel + ", not a compatibility level"));
        return new SchemaRegistry(new SchemaCatalog(level), log).load();
    }
}
