package io.understudy.contracttests;

import io.understudy.contract.TakeoverStarted;
import io.understudy.schemas.registry.ContractPublication;
import io.understudy.schemas.registry.HttpSchemaRegistryClient;
import io.understudy.schemas.registry.SchemaRegistryException;
import io.understudy.schemas.serde.AvroDeserializer;
import io.understudy.schemas.serde.AvroSerializer;
import io.understudy.schemas.topic.Topic;
import io.understudy.testing.Infrastructure;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A public event gains a field in version 2: events written before still decode with the new reader, and a
 * subscriber still on version 1 reads events written with version 2. The registry, holding the subject at
 * FULL_TRANSITIVE, accepts that change and refuses one that would break either side.
 */
class PublicSchemaEvolutionIT {
    private static final String V2_FIELD = "{\"name\": \"region\", \"type\": \"string\", \"default\": \"unknown\"}";
    private static final String BREAKING_FIELD = "{\"name\": \"region\", \"type\": \"string\"}";

    private static HttpSchemaRegistryClient registry;
    private static String topic;
    private static String subject;
    private static Schema v1;

    @BeforeAll
    static void publishVersionOne() {
        Infrastructure infrastructure = Infrastructure.get();
        registry = new HttpSchemaRegistryClient(infrastructure.registryUrl());
        // a topic of its own, so the subject's versions are this test's alone
        topic = Topic.TAKEOVER_EVENTS.topicName + "-evolution-" + UUID.randomUUID();
        subject = topic + "-" + TakeoverStarted.getClassSchema().getFullName();
        v1 = TakeoverStarted.getClassSchema();
        registry.setCompatibility(subject, Topic.TAKEOVER_EVENTS.audience.compatibility);
        registry.register(subject, v1);
    }

    @Test
    void eventsWrittenWithVersionOneDecodeWithTheVersionTwoReader() throws IOException {
        Schema v2 = withField(v1, V2_FIELD);
        byte[] old = new AvroSerializer(registry).serialize(topic, started());

        GenericRecord read = readGeneric(old, v2);

        assertThat(read.get("failedInstanceId")).hasToString("i-master");
        assertThat(read.get("region")).hasToString("unknown");
    }

    @Test
    void aSubscriberOnVersionOneReadsEventsWrittenWithVersionTwo() throws IOException {
        Schema v2 = withField(v1, V2_FIELD);
        int v2Id = registry.register(subject, v2);

        TakeoverStarted read = (TakeoverStarted) new AvroDeserializer(registry).deserialize(topic, framed(v2Id, v2));

        assertThat(read.getFailedInstanceId()).isEqualTo("i-master");
        assertThat(read.getMeta().getEnvironmentId()).isEqualTo("env-evolution");
    }

    @Test
    void theRegistryRefusesAVersionThatOldSubscribersCouldNotRead() {
        Schema breaking = withField(v1, BREAKING_FIELD);

        assertThatThrownBy(() -> registry.register(subject, breaking)).isInstanceOf(SchemaRegistryException.class)
                .hasMessageContaining("409");
    }

    @Test
    void publishingTheContractSetsPublicSubjectsToFullTransitive() {
        ContractPublication.publish(registry, List.of(Topic.TAKEOVER_EVENTS));
        String publicSubject = Topic.TAKEOVER_EVENTS.subject(TakeoverStarted.class);

        assertThatThrownBy(() -> registry.register(publicSubject, withField(v1, BREAKING_FIELD)))
                .isInstanceOf(SchemaRegistryException.class).hasMessageContaining("409");
    }

    private static TakeoverStarted started() {
        return (TakeoverStarted) PublicEvents.oneOfEach("env-evolution").get(0);
    }

    private static Schema withField(Schema schema, String fieldJson) {
        String json = schema.toString();
        int fieldsEnd = json.lastIndexOf(']');
        return new Schema.Parser().parse(json.substring(0, fieldsEnd) + "," + fieldJson + json.substring(fieldsEnd));
    }

    /** Version 2 of the event as a subscriber's own writer would produce it: generic, framed the Confluent way. */
    private static byte[] framed(int schemaId, Schema v2) throws IOException {
        GenericRecord event = readGeneric(new AvroSerializer(registry).serialize(topic, started()), v2);
        event.put("region", "eu-west-1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(schemaId).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(v2, GenericData.get()).write(event, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static GenericRecord readGeneric(byte[] framed, Schema reader) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(framed);
        buffer.get();
        Schema writer = registry.schemaById(buffer.getInt());
        return new GenericDatumReader<GenericRecord>(writer, reader, GenericData.get())
                .read(null, DecoderFactory.get().binaryDecoder(framed, 5, framed.length - 5, null));
    }
}
