package io.understudy.takeover.startup;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.understudy.intake.OperatorCommandCheck;
import io.understudy.schemas.registry.ContractPublication;
import io.understudy.schemas.registry.HttpSchemaRegistryClient;
import io.understudy.schemas.registry.SchemaRegistryClient;
import io.understudy.schemas.topic.Topic;
import io.understudy.schemas.topic.TopicCreator;
import io.understudy.streams.StreamsHost;
import io.understudy.takeover.streams.StreamsSettings;
import io.understudy.takeover.streams.TakeoverTopology;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Starts the saga's Kafka Streams application with the service and closes it with the service. The topics come
 * first, so the orchestrator starts on an empty cluster while every other service is down.
 */
@Context
public class SagaHost {
    private static final Logger LOG = LoggerFactory.getLogger(SagaHost.class);

    private final StreamsSettings settings;
    private final TopicSettings topics;
    private final SchemaRegistryClient registry;
    private final MeterRegistry meters;
    private StreamsHost host;
    private final Membership membership;
    private final OperatorCommandCheck operatorCommands;

    public SagaHost(StreamsSettings settings, TopicSettings topics, SchemaRegistryClient registry, MeterRegistry meters,
                    Membership membership, OperatorCommandCheck operatorCommands) {
        this.membership = membership;
        this.operatorCommands = operatorCommands;
        this.settings = settings;
        this.topics = topics;
        this.registry = registry;
        this.meters = meters;
    }

    @PostConstruct
    void start() {
        createTopics();
        // the public events' subjects get FULL_TRANSITIVE before their first version: subscribers depend on it
        ContractPublication.publish(new HttpSchemaRegistryClient(settings.registryUrl()), List.of(Topic.TAKEOVER_EVENTS));
        host = new StreamsHost("saga", TakeoverTopology.build(registry, settings.service(), operatorCommands),
                membership.applyTo(settings.properties()), meters);
        host.start();
        LOG.info("takeover saga started as {} on Kafka: {} (state in {})", settings.applicationId(),
                settings.kafka().describe(), settings.stateDir());
    }

    @PreDestroy
    void stop() {
        if (host != null) {
            host.close();
        }
    }

    /** The Streams application's state, for the health endpoint. */
    public KafkaStreams.State state() {
        return host == null ? KafkaStreams.State.CREATED : host.state();
    }

    private void createTopics() {
        try (Admin admin = Admin.create(settings.kafka().clientConfig())) {
            new TopicCreator(admin, topics.partitions(), topics.replicationFactor()).ensure(TakeoverTopology.topics());
        }
    }
}
