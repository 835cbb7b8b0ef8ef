package io.understudy.schemas.serde;

import io.understudy.schemas.registry.SchemaRegistryClient;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.util.Map;

/** The serializer and deserializer as one Kafka Streams serde. */
public final class AvroSerde {
    private AvroSerde() {
    }

    public static Serde<SpecificRecord> of(SchemaRegistryClient registry) {
        return Serdes.serdeFrom(new AvroSerializer(registry), new AvroDeserializer(registry));
    }

    public static Serde<SpecificRecord> forRegistry(String url) {
        Serde<SpecificRecord> serde = Serdes.serdeFrom(new AvroSerializer(), new AvroDeserializer());
        serde.configure(Map.of(AvroSerializer.REGISTRY_URL, url), false);
        return serde;
    }
}
