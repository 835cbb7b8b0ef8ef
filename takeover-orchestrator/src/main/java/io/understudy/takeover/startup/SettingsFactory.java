package io.understudy.takeover.startup;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.understudy.intake.OperatorCommandCheck;
import io.understudy.kafka.KafkaAccess;
import io.understudy.schemas.registry.HttpSchemaRegistryClient;
import io.understudy.schemas.registry.SchemaRegistryClient;
import io.understudy.streams.StreamsProperties;
import io.understudy.takeover.streams.StreamsSettings;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The orchestrator's settings from {@code application.yml}, each overridable by an environment variable. The Streams
 * settings' defaults are there alone.
 */
@Factory
class SettingsFactory {

    @Singleton
    StreamsSettings streamsSettings(
            @Value("${understudy.streams.application-id}") String applicationId,
            KafkaAccess kafka,
            @Value("${understudy.schema-registry.url}") String registryUrl,
            @Value("${micronaut.application.name}") String service,
            @Value("${understudy.kafka.replication-factor}") int replicationFactor,
            @Value("${understudy.streams.state-dir}") String stateDir,
            @Value("${understudy.streams.commit-interval}") Duration commitInterval,
            @Value("${understudy.streams.poll}") Duration poll,
            @Value("${understudy.streams.producer-linger}") Duration producerLinger) {
        Path state = stateDir.isBlank() ? StreamsProperties.defaultStateDir(applicationId) : Path.of(stateDir);
        return new StreamsSettings(applicationId, kafka, registryUrl, service, replicationFactor, state,
                commitInterval, poll, producerLinger);
    }

    /** Fails, and with it the start, when operator commands could be neither checked nor explicitly left unchecked. */
    @Singleton
    OperatorCommandCheck operatorCommandCheck(
            @Value("${understudy.operators.authorities}") String authorities,
            @Value("${understudy.operators.max-age}") Duration maxAge,
            @Value("${understudy.operators.unsigned}") boolean unsigned) {
        return new OperatorCommandSettings(authorities, maxAge, unsigned).check();
    }

    @Singleton
    Membership membership(@Value("${understudy.streams.instance-id}") String instanceId) {
        return new Membership(instanceId);
    }

    @Singleton
    TopicSettings topicSettings(@Value("${understudy.kafka.partitions}") int partitions,
                                @Value("${understudy.kafka.replication-factor}") short replicationFactor) {
        return new TopicSettings(partitions, replicationFactor);
    }

    @Singleton
    SchemaRegistryClient schemaRegistry(StreamsSettings settings) {
        return new HttpSchemaRegistryClient(settings.registryUrl());
    }
}
