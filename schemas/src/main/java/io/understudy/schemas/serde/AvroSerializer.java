package io.understudy.schemas.serde;

import io.understudy.schemas.registry.HttpSchemaRegistryClient;
import io.understudy.schemas.registry.SchemaRegistryClient;
import io.understudy.schemas.topic.SubjectNames;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Writes contract records in the Confluent wire format, registering each record's schema under
 * {@code <topic>-<record full name>} (TopicRecordNameStrategy) on first use.
 */
public final class AvroSerializer implements Serializer<SpecificRecord> {
    public static final String REGISTRY_URL = "schema.registry.url";
    /** Confluent's: {@code URL} (default, the user info of {@link #REGISTRY_URL}) or {@code USER_INFO} ({@link #BASIC_AUTH_USER_INFO}). */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = RegistryUrl.CREDENTIALS_SOURCE;
    /** Confluent's: {@code user:password} for the registry, read when the source is {@code USER_INFO}. */
    public static final String BASIC_AUTH_USER_INFO = RegistryUrl.USER_INFO;
    static final Duration REGISTRY_TIMEOUT = Duration.ofSeconds(10);

    private SchemaRegistryClient registry;

    static {
        ContractClasses.trust();
    }

    public AvroSerializer() {
    }

    public AvroSerializer(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (registry == null) {
            registry = new HttpSchemaRegistryClient(RegistryUrl.from(configs), REGISTRY_TIMEOUT);
        }
    }

    @Override
    public byte[] serialize(String topic, SpecificRecord record) {
        if (record == null) {
            return null;
        }
        int id = registry.register(SubjectNames.topicRecord(topic, record.getSchema().getFullName()), record.getSchema());
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(WireFormat.header(id).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot write " + record.getSchema().getFullName() + " for " + topic + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
