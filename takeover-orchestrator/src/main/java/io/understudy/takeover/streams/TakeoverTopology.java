package io.understudy.takeover.streams;

import io.understudy.contract.EnvironmentState;
import io.understudy.schemas.registry.SchemaRegistryClient;
import io.understudy.schemas.serde.AvroDeserializer;
import io.understudy.schemas.serde.AvroSerializer;
import io.understudy.schemas.topic.Topic;
import org.apache.avro.specific.SpecificRecord;
import io.understudy.intake.DeadLetteringIntake;
import io.understudy.intake.OperatorCommandCheck;
import io.understudy.schemas.serde.TopicDecoder;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import java.util.List;
import java.util.stream.Stream;

/**
 * Operator commands, health events and command results, keyed by environment id, are decoded (or dead-lettered)
 * and go through one processor that holds every environment's state; out come commands (one topic per executing service), takeover events and the
 * whole environment state after every change.
 */
public final class TakeoverTopology {
    public static final String STORE = "environments";
    static final List<Topic> INPUTS = List.of(Topic.OPERATOR_COMMANDS, Topic.HEALTH_EVENTS, Topic.COMMAND_RESULTS);
    static final List<Topic> OUTPUTS = List.of(Topic.IP_COMMANDS, Topic.VOLUME_COMMANDS, Topic.PROXY_COMMANDS,
            Topic.PROVISIONER_COMMANDS, Topic.TAKEOVER_EVENTS, Topic.ENVIRONMENT_STATE, Topic.SAGA_JOURNAL);
    static final String SAGA = "saga";
    private static final String SOURCE = "inputs";
    private static final String INTAKE = "intake";

    private TakeoverTopology() {
    }

    /**
     * @param producer         what the records written say in {@code meta.producer}
     * @param operatorCommands whose signatures operator commands need before the saga sees them
     *                         ({@link OperatorCommandCheck#unchecked()}: the explicit insecure mode)
     */
    public static Topology build(SchemaRegistryClient registry, String producer, OperatorCommandCheck operatorCommands) {
        AvroSerializer serializer = new AvroSerializer(registry);
        TopicDecoder decoder = new TopicDecoder(new AvroDeserializer(registry));
        Topology topology = new Topology()
                .addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                        INPUTS.stream().map(t -> t.topicName).toArray(String[]::new))
                .addProcessor(INTAKE, () -> new DeadLetteringIntake(decoder, producer, SAGA, operatorCommands), SOURCE)
                .addProcessor(SAGA, () -> new SagaProcessor(producer), INTAKE)
                .addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                        stateSerde(registry)), SAGA);
        OUTPUTS.forEach(t -> topology.addSink(t.name(), t.topicName, new StringSerializer(), serializer, SAGA));
        topology.addSink(Topic.DEAD_LETTERS.name(), Topic.DEAD_LETTERS.topicName, new StringSerializer(), serializer, INTAKE);
        return topology;
    }

    /** Every topic the topology reads or writes, for creating them at start-up. */
    public static List<Topic> topics() {
        return Stream.of(INPUTS, OUTPUTS, List.of(Topic.DEAD_LETTERS)).flatMap(List::stream).toList();
    }

    private static Serde<EnvironmentState> stateSerde(SchemaRegistryClient registry) {
        AvroSerializer serializer = new AvroSerializer(registry);
        AvroDeserializer deserializer = new AvroDeserializer(registry);
        return Serdes.serdeFrom(serializer::serialize, (topic, data) -> (EnvironmentState) deserializer.deserialize(topic, data));
    }
}
