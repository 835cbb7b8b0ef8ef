package io.understudy.registry.catalog;

import io.understudy.registry.catalog.CatalogEvent.LevelChanged;
import io.understudy.registry.catalog.CatalogEvent.SchemaRegistered;
import io.understudy.registry.catalog.SchemaCatalog.Registration;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.understudy.registry.catalog.CompatibilityLevelTest.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaCatalogTest {
    private static final Schema V1 = record("""
            {"name": "id", "type": "string"}""");
    private static final Schema V2 = record("""
            {"name": "id", "type": "string"}, {"name": "zone", "type": "string", "default": "a"}""");
    private static final Schema REQUIRED_ZONE = record("""
            {"name": "id", "type": "string"}, {"name": "zone", "type": "string"}""");

    private final SchemaCatalog catalog = new SchemaCatalog(CompatibilityLevel.BACKWARD);
    private final List<CatalogEvent> log = new ArrayList<>();

    @Test
    void a_new_schema_gets_the_next_id_and_version_only_once_applied() {
        Registration first = catalog.register("orders-value", V1);

        assertThat(first.event()).contains(new SchemaRegistered("orders-value", 1, 1, V1.toString()));
        assertThat(catalog.subjects()).isEmpty();

        apply(first);
        Registration second = catalog.register("orders-value", V2);

        assertThat(second.event()).contains(new SchemaRegistered("orders-value", 2, 2, V2.toString()));
    }

    @Test
    void registering_the_same_schema_again_changes_nothing() {
        apply(catalog.register("orders-value", V1));

        Registration again = catalog.register("orders-value", new Schema.Parser().parse(V1.toString(true)));

        assertThat(again.id()).isEqualTo(1);
        assertThat(again.event()).isEmpty();
    }

    @Test
    void the_same_schema_under_another_subject_keeps_its_id() {
        apply(catalog.register("a-value", V1));
        apply(catalog.register("a-value", V2));

        Registration other = catalog.register("b-value", V2);

        assertThat(other.event()).contains(new SchemaRegistered("b-value", 1, 2, V2.toString()));
    }

    @Test
    void an_incompatible_schema_is_refused_with_409() {
        apply(catalog.register("orders-value", V1));

        assertThatThrownBy(() -> catalog.register("orders-value", REQUIRED_ZONE))
                .isInstanceOfSatisfying(RegistryError.class, e -> assertThat(e.errorCode()).isEqualTo(409))
                .hasMessageContaining("orders-value").hasMessageContaining("zone");
    }

    @Test
    void a_subject_level_overrides_the_global_one() {
        apply(catalog.register("orders-value", V1));
        catalog.apply(new LevelChanged("orders-value", CompatibilityLevel.NONE));

        apply(catalog.register("orders-value", REQUIRED_ZONE));

        assertThat(catalog.versions("orders-value")).containsExactly(1, 2);
        assertThat(catalog.level("other")).isEqualTo(CompatibilityLevel.BACKWARD);
        catalog.apply(new LevelChanged(null, CompatibilityLevel.FULL));
        assertThat(catalog.level("other")).isEqualTo(CompatibilityLevel.FULL);
        assertThat(catalog.level("orders-value")).isEqualTo(CompatibilityLevel.NONE);
    }

    @Test
    void replaying_the_events_rebuilds_the_same_catalog() {
        apply(catalog.register("a-value", V1));
        apply(catalog.register("a-value", V2));
        apply(catalog.register("b-value", V1));
        catalog.apply(logged(new LevelChanged("b-value", CompatibilityLevel.FULL_TRANSITIVE)));

        SchemaCatalog replayed = new SchemaCatalog(CompatibilityLevel.BACKWARD);
        log.forEach(replayed::apply);

        assertThat(replayed.subjects()).containsExactly("a-value", "b-value");
        assertThat(replayed.version("a-value", VersionSpec.parse("latest")).id()).isEqualTo(2);
        assertThat(replayed.lookup("b-value", V1).id()).isEqualTo(1);
        assertThat(replayed.subjectLevel("b-value")).contains(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(replayed.register("c-value", REQUIRED_ZONE).id()).isEqualTo(3);
    }

    @Test
    void missing_things_have_confluents_error_codes() {
        apply(catalog.register("a-value", V1));

        assertThatThrownBy(() -> catalog.versions("nope")).extracting(e -> ((RegistryError) e).errorCode()).isEqualTo(40401);
        assertThatThrownBy(() -> catalog.version("a-value", VersionSpec.parse("7"))).extracting(e -> ((RegistryError) e).errorCode()).isEqualTo(40402);
        assertThatThrownBy(() -> catalog.schema(99)).extracting(e -> ((RegistryError) e).errorCode()).isEqualTo(40403);
        assertThatThrownBy(() -> catalog.lookup("a-value", V2)).extracting(e -> ((RegistryError) e).errorCode()).isEqualTo(40403);
        assertThatThrownBy(() -> VersionSpec.parse("0")).extracting(e -> ((RegistryError) e).errorCode()).isEqualTo(42202);
        assertThatThrownBy(() -> AvroSchemas.parse("{\"type\": \"rekord\"}")).extracting(e -> ((RegistryError) e).errorCode()).isEqualTo(42201);
    }

    @Test
    void compatibility_against_latest_of_an_unknown_subject_is_fine() {
        assertThat(catalog.compatibilityViolations("new-value", VersionSpec.parse("latest"), REQUIRED_ZONE)).isEmpty();
    }

    @Test
    void compatibility_against_a_named_version_checks_only_that_one() {
        apply(catalog.register("a-value", V1));
        catalog.apply(new LevelChanged("a-value", CompatibilityLevel.NONE));
        apply(catalog.register("a-value", REQUIRED_ZONE));
        catalog.apply(new LevelChanged("a-value", CompatibilityLevel.BACKWARD));

        assertThat(catalog.compatibilityViolations("a-value", VersionSpec.parse("2"), REQUIRED_ZONE)).isEmpty();
        assertThat(catalog.compatibilityViolations("a-value", VersionSpec.parse("1"), REQUIRED_ZONE)).isNotEmpty();
        assertThat(catalog.compatibilityViolations("a-value", VersionSpec.parse("latest"), REQUIRED_ZONE)).isEmpty();
        catalog.apply(new LevelChanged("a-value", CompatibilityLevel.BACKWARD_TRANSITIVE));
        assertThat(catalog.compatibilityViolations("a-value", VersionSpec.parse("latest"), REQUIRED_ZONE)).isNotEmpty();
    }

    private void apply(Registration registration) {
        registration.event().ifPresent(event -> catalog.apply(logged(event)));
    }

    private CatalogEvent logged(CatalogEvent event) {
        log.add(event);
        return event;
    }
}
