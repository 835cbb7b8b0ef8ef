package io.understudy.registry.catalog;

/**
 * A durable change to the catalog. The catalog is exactly the events it has seen, replayed in order.
 *
 * <p>Read through {@link Visitor}, one method per event and no defaults: a new event must implement {@link #accept},
 * and then the catalog and the log's records do not compile until they say how to apply and store it.
 */
public sealed interface CatalogEvent {

    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R visit(SchemaRegistered event);

        R visit(LevelChanged event);
    }

    /** {@code schema} (canonical Avro JSON) became {@code version} of {@code subject} under global {@code id}. */
    record SchemaRegistered(String subject, int version, int id, String schema) implements CatalogEvent {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    /** The compatibility level of one subject, or the global one when {@code subject} is null. */
    record LevelChanged(String subject, CompatibilityLevel level) implements CatalogEvent {
        public boolean global() {
            return subject == null;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }
}
