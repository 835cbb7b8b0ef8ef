package io.understudy.schemas.serde;

import io.understudy.schemas.registry.SchemaRegistryException;
import io.understudy.schemas.topic.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Takes in what arrives on one of Understudy's topics: a contract record that belongs there, or the reason it
 * cannot be taken in (not Avro, an unknown schema id, a tombstone, a type of another topic), for a dead letter.
 *
 * <p>A registry that cannot be reached is not the record's fault: that {@link SchemaRegistryException}
 * propagates, so the caller reads the same record again later instead of dead-lettering a valid one; so does a
 * registry that refuses our credentials, which is a matter of configuration, not of the record.
 */
public final class TopicDecoder {
    private final Deserializer<SpecificRecord> avro;

    public TopicDecoder(Deserializer<SpecificRecord> avro) {
        this.avro = avro;
    }

    /** What came of one record. */
    public sealed interface Decoded {
        record Accepted(SpecificRecord record) implements Decoded {
        }

        record Rejected(String reason) implements Decoded {
        }
    }

    public Decoded decode(Topic topic, byte[] value) {
        SpecificRecord record;
        try {
            record = avro.deserialize(topic.topicName, value);
        } catch (SerializationException e) {
            return new Decoded.Rejected(e.getMessage());
        } catch (SchemaRegistryException e) {
            if (e.retriable() || e.credentialsRefused()) {
                throw e;
            }
            return new Decoded.Rejected(e.getMessage());
        }
        if (record == null) {
            return new Decoded.Rejected("no value (tombstone): " + topic.topicName + " carries no deletions");
        }
        if (!topic.carries(record.getClass())) {
            return new Decoded.Rejected(record.getSchema().getFullName() + " does not belong on " + topic.topicName);
        }
        return new Decoded.Accepted(record);
    }
}
