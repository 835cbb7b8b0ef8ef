package io.understudy.schemas.serde;

import io.understudy.schemas.registry.HttpSchemaRegistryClient;
import io.understudy.schemas.registry.SchemaRegistryClient;
import io.understudy.schemas.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads records in the Confluent wire format into the generated contract classes, resolving the writer's
 * schema (fetched by id) against the reader's, so records written with older or newer schemas still decode.
 * Anything that cannot be read fails with a {@link SerializationException} naming why; a registry that
 * cannot be reached fails with a retriable {@link SchemaRegistryException} instead, because the record is fine;
 * so does one that refuses our credentials ({@link SchemaRegistryException#credentialsRefused()}, not retriable).
 */
public final class AvroDeserializer implements Deserializer<SpecificRecord> {
    private SchemaRegistryClient registry;
    private final Map<Integer, SpecificDatumReader<SpecificRecord>> readersBySchemaId = new ConcurrentHashMap<>();

    static {
        ContractClasses.trust();
    }

    public AvroDeserializer() {
    }

    public AvroDeserializer(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (registry == null) {
            registry = new HttpSchemaRegistryClient(RegistryUrl.from(configs), AvroSerializer.REGISTRY_TIMEOUT);
        }
    }

    @Override
    public SpecificRecord deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(data);
        int schemaId = WireFormat.readSchemaId(buffer);
        SpecificDatumReader<SpecificRecord> reader = readersBySchemaId.computeIfAbsent(schemaId, id -> readerFor(topic, id));
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(data, buffer.position(), buffer.remaining(), null));
        } catch (Exception e) {
            throw new SerializationException("cannot decode a record of schema id " + schemaId + " from " + topic + ": " + e, e);
        }
    }

    private SpecificDatumReader<SpecificRecord> readerFor(String topic, int schemaId) {
        Schema writer;
        try {
            writer = registry.schemaById(schemaId);
        } catch (SchemaRegistryException e) {
            if (e.credentialsRefused()) {
                throw new SchemaRegistryException("cannot read " + topic + ": " + e.getMessage(), e.errorCode(), false, e);
            }
            if (e.retriable()) {
                throw e;
            }
            throw new SerializationException("unknown schema id " + schemaId + ": " + e.getMessage(), e);
        }
        Class<? extends SpecificRecord> type = ContractClasses.byFullName(writer.getFullName())
                .orElseThrow(() -> new SerializationException("schema id " + schemaId + " is " + writer.getFullName()
                        + ", which is not part of Understudy's contract"));
        Schema reader = SpecificData.get().getSchema(type);
        return new SpecificDatumReader<>(writer, reader);
    }
}
