package io.understudy.health.aggregation;

import io.understudy.contract.HealthObservation;
import io.understudy.health.quorum.Quorum;
import io.understudy.intake.DeadLetteringIntake;
import io.understudy.schemas.registry.SchemaRegistryClient;
import io.understudy.schemas.serde.AvroDeserializer;
import io.understudy.schemas.serde.AvroSerializer;
import io.understudy.schemas.serde.TopicDecoder;
import io.understudy.schemas.topic.Topic;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import java.util.List;

/**
 * Every observer's observations, keyed by environment id, are decoded (or dead-lettered) and go through one
 * processor that keeps, per instance, each observer's latest report and what has been announced; out come the
 * health events the orchestrator acts on. One Streams application shared by all replicas, exactly-once, so an
 * event is neither lost nor said twice when a replica dies mid-decision.
 */
public final class QuorumTopology {
    public static final String REPORTS = "observer-reports";
    public static final String ANNOUNCED = "announced";
    static final String QUORUM = "quorum";
    private static final String SOURCE = "observations";
    private static final String INTAKE = "intake";

    private QuorumTopology() {
    }

    /** @param replicaId what the events written say in {@code meta.producer} */
    public static Topology build(SchemaRegistryClient registry, Quorum quorum, String replicaId) {
        AvroSerializer serializer = new AvroSerializer(registry);
        TopicDecoder decoder = new TopicDecoder(new AvroDeserializer(registry));
        Topology topology = new Topology()
                .addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), Topic.HEALTH_OBSERVATIONS.topicName)
                .addProcessor(INTAKE, () -> new DeadLetteringIntake(decoder, "health-monitor/" + replicaId, QUORUM), SOURCE)
                .addProcessor(QUORUM, () -> new QuorumProcessor(quorum, replicaId), INTAKE)
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REPORTS), Serdes.String(),
                        observationSerde(registry)), QUORUM)
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ANNOUNCED), Serdes.String(),
                        Serdes.String()), QUORUM);
        topology.addSink(Topic.HEALTH_EVENTS.name(), Topic.HEALTH_EVENTS.topicName, new StringSerializer(), serializer, QUORUM);
        topology.addSink(Topic.DEAD_LETTERS.name(), Topic.DEAD_LETTERS.topicName, new StringSerializer(), serializer, INTAKE);
        return topology;
    }

    /** Every topic the topology reads or writes, for creating them at start-up. */
    public static List<Topic> topics() {
        return List.of(Topic.HEALTH_OBSERVATIONS, Topic.HEALTH_EVENTS, Topic.DEAD_LETTERS);
    }

    private static Serde<HealthObservation> observationSerde(SchemaRegistryClient registry) {
        AvroSerializer serializer = new AvroSerializer(registry);
        AvroDeserializer deserializer = new AvroDeserializer(registry);
        return Serdes.serdeFrom(serializer::serialize, (topic, data) -> (HealthObservation) deserializer.deserialize(topic, data));
    }
}
