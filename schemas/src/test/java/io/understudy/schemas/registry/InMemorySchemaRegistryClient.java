package io.understudy.schemas.registry;

import org.apache.avro.Schema;

import java.util.HashMap;
import java.util.Map;

/**
 * A registry held in memory, for tests that serialize without a network (topology tests); from this module's
 * test jar. It assigns ids like a real registry but checks no compatibility.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {
    private final Map<Schema, Integer> ids = new HashMap<>();
    private final Map<Integer, Schema> schemas = new HashMap<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
        return ids.computeIfAbsent(schema, s -> {
            int id = ids.size() + 1;
            schemas.put(id, s);
            return id;
        });
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemas.get(id);
        if (schema == null) {
            throw new SchemaRegistryException("schema id " + id + " not found", 40403, false, null);
        }
        return schema;
    }
}
