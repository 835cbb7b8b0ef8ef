package io.understudy.registry.catalog;

import org.apache.avro.Schema;

/** Schema text as clients send it, checked and brought to the one form ids are assigned by. */
public final class AvroSchemas {
    private AvroSchemas() {
    }

    public static Schema parse(String text) {
        if (text == null || text.isBlank()) {
            throw RegistryError.invalidSchema("the request has no schema");
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            // the parser reports bad JSON, unknown types and invalid defaults with several exception types
            throw RegistryError.invalidSchema(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** Avro's own serialization of the parsed schema: whitespace and key order no longer matter. */
    public static String canonical(Schema schema) {
        return schema.toString();
    }
}
