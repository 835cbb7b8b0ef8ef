package io.understudy.schemas.registry;

import org.apache.avro.Schema;

/** The two calls of the Confluent Schema Registry REST API that serializing and deserializing need. */
public interface SchemaRegistryClient {

    /** Registers the schema under the subject (or finds it there) and returns its global id. */
    int register(String subject, Schema schema);

    /** The schema with this global id. */
    Schema schemaById(int id);
}
