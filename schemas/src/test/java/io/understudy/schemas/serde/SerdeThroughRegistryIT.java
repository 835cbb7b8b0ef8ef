package io.understudy.schemas.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.understudy.broker.KafkaBroker;
import io.understudy.contract.InstanceFailed;
import io.understudy.registry.EmbeddedSchemaRegistry;
import io.understudy.schemas.registry.HttpSchemaRegistryClient;
import io.understudy.schemas.topic.Topic;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Confluent wire-format serde against the project's real registry on a real broker. */
class SerdeThroughRegistryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaBroker broker;
    private static EmbeddedSchemaRegistry registry;
    private static AvroSerializer serializer;
    private static AvroDeserializer deserializer;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.start(Path.of("target", "broker-" + UUID.randomUUID()));
        registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers());
        serializer = configured(new AvroSerializer());
        deserializer = configured(new AvroDeserializer());
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    static Stream<SpecificRecord> samples() {
        return Stream.of(Samples.instanceFailed(), Samples.associateAddress(), Samples.commandResult(),
                Samples.takeoverStarted(), Samples.configureProxy());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void a_contract_record_survives_the_round_trip(SpecificRecord sample) {
        String topic = "round-trip-" + UUID.randomUUID();

        byte[] bytes = serializer.serialize(topic, sample);
        SpecificRecord back = deserializer.deserialize(topic, bytes);

        assertThat(back).isEqualTo(sample).isInstanceOf(sample.getClass());
        assertThat(bytes[0]).isZero();
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        Schema registered = new HttpSchemaRegistryClient(registry.readerUrl()).schemaById(id);
        assertThat(registered).isEqualTo(sample.getSchema());
    }

    @Test
    void schemas_are_registered_under_topic_record_name_subjects() throws Exception {
        String topic = "subjects-" + UUID.randomUUID();
        serializer.serialize(topic, Samples.instanceFailed());

        String subjects = get("/subjects");

        assertThat(subjects).contains("\"" + topic + "-io.understudy.contract.InstanceFailed\"");
    }

    @Test
    void records_travel_through_a_real_topic() {
        Topic topic = Topic.HEALTH_EVENTS;
        Map<String, Object> clients = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                AvroSerializer.REGISTRY_URL, registry.writerUrl());
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(clients, new StringSerializer(), configured(new AvroSerializer()))) {
            producer.send(new ProducerRecord<>(topic.topicName, "env-1", Samples.instanceFailed()));
            producer.flush();
        }

        List<SpecificRecord> seen = new ArrayList<>();
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "serde-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), configured(new AvroDeserializer()))) {
            consumer.subscribe(List.of(topic.topicName));
            Instant deadline = Instant.now().plusSeconds(20);
            while (seen.isEmpty() && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
            }
        }

        assertThat(seen).containsExactly(Samples.instanceFailed());
    }

    @Test
    void bytes_that_are_not_in_the_wire_format_are_refused() {
        assertThatThrownBy(() -> deserializer.deserialize("t", "hi".getBytes()))
                .isInstanceOf(SerializationException.class).hasMessageContaining("not in the Confluent wire format");
    }

    @Test
    void a_wrong_magic_byte_is_refused() {
        byte[] framed = serializer.serialize("magic-" + UUID.randomUUID(), Samples.associateAddress());
        framed[0] = 7;

        assertThatThrownBy(() -> deserializer.deserialize("t", framed))
                .isInstanceOf(SerializationException.class).hasMessageContaining("magic byte is 7");
    }

    @Test
    void an_unknown_schema_id_is_refused() {
        byte[] framed = ByteBuffer.allocate(8).put((byte) 0).putInt(987_654).put(new byte[]{2, 'a', 0}).array();

        assertThatThrownBy(() -> deserializer.deserialize("t", framed))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unknown schema id 987654");
    }

    @Test
    void a_record_outside_the_contract_is_refused() throws IOException {
        Schema foreign = new Schema.Parser().parse("""
                {"type": "record", "name": "Invoice", "namespace": "com.example", "fields": [{"name": "total", "type": "long"}]}""");
        GenericRecord invoice = new GenericData.Record(foreign);
        invoice.put("total", 42L);
        int id = new HttpSchemaRegistryClient(registry.writerUrl()).register("foreign-" + UUID.randomUUID(), foreign);

        byte[] framed = frame(id, foreign, invoice);

        assertThatThrownBy(() -> deserializer.deserialize("t", framed))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("com.example.Invoice").hasMessageContaining("not part of Understudy's contract");
    }

    @Test
    void a_truncated_body_is_refused() {
        byte[] framed = serializer.serialize("truncated-" + UUID.randomUUID(), Samples.commandResult());
        byte[] truncated = java.util.Arrays.copyOf(framed, 12);

        assertThatThrownBy(() -> deserializer.deserialize("t", truncated))
                .isInstanceOf(SerializationException.class).hasMessageContaining("cannot decode");
    }

    @Test
    void a_record_written_with_an_older_schema_reads_into_the_current_class() throws IOException {
        String topic = Topic.HEALTH_EVENTS.topicName + "-" + UUID.randomUUID();
        Schema older = without(InstanceFailed.getClassSchema(), "observer", "consecutiveFailures", "phi", "agreeingObservers", "quorum",
                "zones", "repeated");
        String subject = topic + "-" + InstanceFailed.class.getName();
        int olderId = new HttpSchemaRegistryClient(registry.writerUrl()).register(subject, older);
        GenericRecord written = new GenericData.Record(older);
        GenericRecord meta = new GenericData.Record(older.getField("meta").schema());
        meta.put("eventId", "e-old");
        meta.put("environmentId", "env-1");
        meta.put("occurredAt", 1_000L);
        meta.put("producer", "health-monitor-0.9");
        written.put("meta", meta);
        written.put("instanceId", "i-master");
        written.put("reason", "timeout");
        written.put("lastHealthyAt", null);

        InstanceFailed read = (InstanceFailed) deserializer.deserialize(topic, frame(olderId, older, written));

        assertThat(read.getInstanceId()).isEqualTo("i-master");
        assertThat(read.getMeta().getProducer()).isEqualTo("health-monitor-0.9");
        assertThat(read.getObserver()).isEmpty();
        assertThat(read.getConsecutiveFailures()).isZero();
        // and the current schema is accepted after the older one under the registry's default BACKWARD level
        assertThat(ByteBuffer.wrap(serializer.serialize(topic, Samples.instanceFailed()), 1, 4).getInt()).isNotEqualTo(olderId);
    }

    private static Schema without(Schema schema, String... fields) throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(schema.toString());
        ArrayNode kept = JSON.createArrayNode();
        json.withArray("fields").forEach(f -> {
            if (!List.of(fields).contains(f.path("name").asText())) {
                kept.add(f);
            }
        });
        json.set("fields", kept);
        return new Schema.Parser().parse(json.toString());
    }

    private static byte[] frame(int id, Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static String get(String path) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(registry.url() + path))
                        .header("Authorization", registry.access().reader().orElseThrow().header()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private static <T extends org.apache.kafka.common.serialization.Serializer<SpecificRecord>> T configured(T serializer) {
        serializer.configure(Map.of(AvroSerializer.REGISTRY_URL, registry.writerUrl()), false);
        return serializer;
    }

    private static <T extends org.apache.kafka.common.serialization.Deserializer<SpecificRecord>> T configured(T deserializer) {
        // a subscriber's: reading needs no more than the reader
        deserializer.configure(Map.of(AvroSerializer.REGISTRY_URL, registry.readerUrl()), false);
        return deserializer;
    }
}
