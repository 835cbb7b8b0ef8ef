package io.understudy.registry.catalog;

import io.understudy.registry.catalog.CatalogEvent.LevelChanged;
import io.understudy.registry.catalog.SchemaCatalog.Registration;
import org.apache.avro.Schema;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The registry's use cases over the catalog and its log. A change is stored before it is applied, so an answer
 * never names an id a restart could lose. Writers queue one at a time (this process is the single writer of its
 * log); readers only wait for the in-memory update, never for the log.
 */
public final class SchemaRegistry {
    private final SchemaCatalog catalog;
    private final CatalogLog log;
    private final Object writer = new Object();

    public SchemaRegistry(SchemaCatalog catalog, CatalogLog log) {
        this.catalog = catalog;
        this.log = log;
    }

    /** Reads the whole log into the catalog; call once before serving. */
    public SchemaRegistry load() {
        log.replay(event -> withCatalog(c -> {
            c.apply(event);
            return null;
        }));
        return this;
    }

    public int register(String subject, String schemaText) {
        Schema schema = AvroSchemas.parse(schemaText);
        synchronized (writer) {
            Registration registration = withCatalog(c -> c.register(subject, schema));
            registration.event().ifPresent(this::store);
            return registration.id();
        }
    }

    public CompatibilityLevel changeLevel(Optional<String> subject, String level) {
        CompatibilityLevel parsed = CompatibilityLevel.parse(level).orElseThrow(() -> RegistryError.invalidLevel(level));
        synchronized (writer) {
            store(new LevelChanged(subject.orElse(null), parsed));
        }
        return parsed;
    }

    public VersionedSchema lookup(String subject, String schemaText) {
        Schema schema = AvroSchemas.parse(schemaText);
        return withCatalog(c -> c.lookup(subject, schema));
    }

    public List<String> compatibilityViolations(String subject, String version, String schemaText) {
        VersionSpec spec = VersionSpec.parse(version);
        Schema schema = AvroSchemas.parse(schemaText);
        return withCatalog(c -> c.compatibilityViolations(subject, spec, schema));
    }

    public List<String> subjects() {
        return withCatalog(SchemaCatalog::subjects);
    }

    public List<Integer> versions(String subject) {
        return withCatalog(c -> c.versions(subject));
    }

    public VersionedSchema version(String subject, String version) {
        VersionSpec spec = VersionSpec.parse(version);
        return withCatalog(c -> c.version(subject, spec));
    }

    public Schema schema(int id) {
        return withCatalog(c -> c.schema(id));
    }

    public CompatibilityLevel globalLevel() {
        return withCatalog(SchemaCatalog::globalLevel);
    }

    public CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
        return withCatalog(c -> c.subjectLevel(subject)
                .or(() -> defaultToGlobal ? Optional.of(c.globalLevel()) : Optional.empty())
                .orElseThrow(() -> RegistryError.subjectLevelNotConfigured(subject)));
    }

    private void store(CatalogEvent event) {
        log.append(event);
        withCatalog(c -> {
            c.apply(event);
            return null;
        });
    }

    private <T> T withCatalog(Function<SchemaCatalog, T> query) {
        synchronized (catalog) {
            return query.apply(catalog);
        }
    }
}
