package io.understudy.registry.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.understudy.registry.catalog.CatalogEvent;
import io.understudy.registry.catalog.CatalogEvent.LevelChanged;
import io.understudy.registry.catalog.CatalogEvent.SchemaRegistered;
import io.understudy.registry.catalog.CompatibilityLevel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Catalog events as records of the compacted log: JSON values, and keys that name what a record sets, so
 * compaction keeps exactly the latest record for each subject version and each level.
 */
final class CatalogRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GLOBAL = "_global";

    private CatalogRecords() {
    }

    static String key(CatalogEvent event) {
        return event.accept(new CatalogEvent.Visitor<>() {
            @Override
            public String visit(SchemaRegistered registered) {
                return "schema/" + registered.subject() + "/" + registered.version();
            }

            @Override
            public String visit(LevelChanged changed) {
                return "config/" + (changed.global() ? GLOBAL : "subject/" + changed.subject());
            }
        });
    }

    static String value(CatalogEvent event) {
        return event.accept(new CatalogEvent.Visitor<ObjectNode>() {
            @Override
            public ObjectNode visit(SchemaRegistered registered) {
                return JSON.createObjectNode().put("type", "SCHEMA").put("subject", registered.subject())
                        .put("version", registered.version()).put("id", registered.id()).put("schema", registered.schema());
            }

            @Override
            public ObjectNode visit(LevelChanged changed) {
                return JSON.createObjectNode().put("type", "CONFIG").put("subject", changed.subject())
                        .put("compatibility", changed.level().name());
            }
        }).toString();
    }

    /** The event of a stored value; empty for tombstones and record types this version does not know. */
    static Optional<CatalogEvent> event(String value) {
        if (value == null) {
            return Optional.empty();
        }
        JsonNode node = parse(value);
        return switch (node.path("type").asText()) {
            case "SCHEMA" -> Optional.of(new SchemaRegistered(node.path("subject").asText(), node.path("version").asInt(),
                    node.path("id").asInt(), node.path("schema").asText()));
            case "CONFIG" -> CompatibilityLevel.parse(node.path("compatibility").asText())
                    .map(level -> new LevelChanged(node.path("subject").isNull() ? null : node.path("subject").asText(), level));
            default -> Optional.empty();
        };
    }

    private static JsonNode parse(String value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable record in the schema log: " + value, e);
        }
    }
}
