package io.understudy.registry.catalog;

/** A durable change to the catalog. The catalog is exactly the events it has seen, replayed in order. */
public sealed interface CatalogEvent {

    /** {@code schema} (canonical Avro JSON) became {@code version} of {@code subject} under global {@code id}. */
    record SchemaRegistered(String subject, int version, int id, String schema) implements CatalogEvent {
    }

    /** The compatibility level of one subject, or the global one when {@code subject} is null. */
    record LevelChanged(String subject, CompatibilityLevel level) implements CatalogEvent {
        public boolean global() {
            return subject == null;
        }
    }
}
