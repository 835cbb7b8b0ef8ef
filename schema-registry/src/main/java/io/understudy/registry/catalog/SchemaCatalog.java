package io.understudy.registry.catalog;

import io.understudy.registry.catalog.CatalogEvent.LevelChanged;
import io.understudy.registry.catalog.CatalogEvent.SchemaRegistered;
import org.apache.avro.Schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Subjects, their versions and the global schema ids, as the Confluent Schema Registry keeps them. Pure state:
 * decisions return the event to store, and only {@link #apply} changes anything, so the same events always
 * rebuild the same catalog. Not thread-safe; {@link SchemaRegistry} serializes access.
 */
public final class SchemaCatalog {
    private final CompatibilityLevel defaultLevel;
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsByCanonical = new HashMap<>();
    private final TreeMap<String, List<VersionedSchema>> subjects = new TreeMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private int highestId;
    private final Applying applying = new Applying();

    public SchemaCatalog(CompatibilityLevel defaultLevel) {
        this.defaultLevel = defaultLevel;
    }

    /** The outcome of registering: the schema was there already, or the event that adds it. */
    public record Registration(int id, Optional<SchemaRegistered> event) {
    }

    public Registration register(String subject, Schema schema) {
        Optional<VersionedSchema> existing = find(subject, schema);
        if (existing.isPresent()) {
            return new Registration(existing.get().id(), Optional.empty());
        }
        List<VersionedSchema> earlier = subjects.getOrDefault(subject, List.of());
        List<String> violations = level(subject).violations(schema, earlier);
        if (!violations.isEmpty()) {
            throw RegistryError.incompatible(subject, violations);
        }
        String canonical = AvroSchemas.canonical(schema);
        int id = idsByCanonical.getOrDefault(canonical, highestId + 1);
        int version = earlier.isEmpty() ? 1 : earlier.get(earlier.size() - 1).version() + 1;
        return new Registration(id, Optional.of(new SchemaRegistered(subject, version, id, canonical)));
    }

    public void apply(CatalogEvent event) {
        event.accept(applying);
    }

    /** How each event changes the catalog. */
    private final class Applying implements CatalogEvent.Visitor<Void> {
        @Override
        public Void visit(SchemaRegistered event) {
            Schema schema = AvroSchemas.parse(event.schema());
            schemasById.putIfAbsent(event.id(), schema);
            idsByCanonical.putIfAbsent(AvroSchemas.canonical(schema), event.id());
            highestId = Math.max(highestId, event.id());
            subjects.computeIfAbsent(event.subject(), s -> new ArrayList<>())
                    .add(new VersionedSchema(event.version(), event.id(), schema));
            return null;
        }

        @Override
        public Void visit(LevelChanged event) {
            if (event.global()) {
                globalLevel = event.level();
            } else {
                subjectLevels.put(event.subject(), event.level());
            }
            return null;
        }
    }

    public List<String> subjects() {
        return List.copyOf(subjects.keySet());
    }

    public List<Integer> versions(String subject) {
        return versionsOf(subject).stream().map(VersionedSchema::version).toList();
    }

    public VersionedSchema version(String subject, VersionSpec spec) {
        List<VersionedSchema> versions = versionsOf(subject);
        if (spec.latest()) {
            return versions.get(versions.size() - 1);
        }
        return versions.stream().filter(v -> v.version() == spec.number()).findFirst()
                .orElseThrow(() -> RegistryError.versionNotFound(subject, spec.number()));
    }

    public Schema schema(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw RegistryError.schemaIdNotFound(id);
        }
        return schema;
    }

    /** The version of {@code subject} holding exactly this schema. */
    public VersionedSchema lookup(String subject, Schema schema) {
        versionsOf(subject);
        return find(subject, schema).orElseThrow(RegistryError::schemaNotFound);
    }

    /**
     * Why {@code schema} could not be registered: against the versions the subject's level names when
     * {@code spec} is latest, against the one named version otherwise (Confluent's semantics).
     */
    public List<String> compatibilityViolations(String subject, VersionSpec spec, Schema schema) {
        if (spec.latest() && !subjects.containsKey(subject)) {
            return List.of();
        }
        List<VersionedSchema> against = spec.latest() ? versionsOf(subject) : List.of(version(subject, spec));
        return level(subject).violations(schema, against);
    }

    public CompatibilityLevel globalLevel() {
        return globalLevel == null ? defaultLevel : globalLevel;
    }

    public Optional<CompatibilityLevel> subjectLevel(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    public CompatibilityLevel level(String subject) {
        return subjectLevel(subject).orElseGet(this::globalLevel);
    }

    private List<VersionedSchema> versionsOf(String subject) {
        List<VersionedSchema> versions = subjects.get(subject);
        if (versions == null) {
            throw RegistryError.subjectNotFound(subject);
        }
        return versions;
    }

    private Optional<VersionedSchema> find(String subject, Schema schema) {
        String canonical = AvroSchemas.canonical(schema);
        return subjects.getOrDefault(subject, List.of()).stream()
                .filter(v -> AvroSchemas.canonical(v.schema()).equals(canonical))
                .findFirst();
    }
}
