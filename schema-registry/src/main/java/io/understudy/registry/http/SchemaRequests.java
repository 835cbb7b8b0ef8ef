package io.understudy.registry.http;

import io.understudy.registry.catalog.RegistryError;

/** What the registry accepts of a schema request: Avro only, without references. */
final class SchemaRequests {
    private SchemaRequests() {
    }

    static String avroText(Bodies.SchemaRequest request) {
        if (request == null) {
            throw RegistryError.invalidSchema("the request has no body");
        }
        if (request.schemaType() != null && !"AVRO".equalsIgnoreCase(request.schemaType())) {
            throw RegistryError.invalidSchema("schema type " + request.schemaType() + " is not supported, only AVRO");
        }
        if (request.references() != null && !request.references().isEmpty()) {
            throw RegistryError.invalidSchema("schema references are not supported");
        }
        return request.schema();
    }
}
