package io.understudy.schemas.evolution;

import org.apache.avro.Schema;

/** One released version of a contract type's schema, as kept in the schema history. */
public record RecordedSchema(int version, Schema schema) {
}
