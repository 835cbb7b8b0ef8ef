package io.understudy.registry.catalog;

import org.apache.avro.Schema;

/** One version of a subject: its number, its global id and the schema. */
public record VersionedSchema(int version, int id, Schema schema) {
}
