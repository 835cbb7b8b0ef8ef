package io.understudy.registry.catalog;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CompatibilityLevelTest {
    private static final Schema V1 = record("""
            {"name": "id", "type": "string"}""");
    private static final Schema WITH_DEFAULTED = record("""
            {"name": "id", "type": "string"}, {"name": "zone", "type": "string", "default": "a"}""");
    private static final Schema WITH_REQUIRED = record("""
            {"name": "id", "type": "string"}, {"name": "zone", "type": "string"}""");
    private static final Schema WITHOUT_ID = record("""
            {"name": "zone", "type": "string", "default": "a"}""");

    @Test
    void backward_refuses_a_new_field_without_default_and_names_it() {
        List<String> violations = CompatibilityLevel.BACKWARD.violations(WITH_REQUIRED, versions(V1));

        assertThat(violations).singleElement().asString()
                .contains("cannot read data written with version 1").contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("zone");
    }

    @Test
    void backward_accepts_a_new_field_with_default() {
        assertThat(CompatibilityLevel.BACKWARD.violations(WITH_DEFAULTED, versions(V1))).isEmpty();
    }

    @Test
    void forward_refuses_dropping_a_field_old_readers_need() {
        assertThat(CompatibilityLevel.FORWARD.violations(WITHOUT_ID, versions(WITH_DEFAULTED)))
                .singleElement().asString().contains("version 1 cannot read data written with it");
        assertThat(CompatibilityLevel.BACKWARD.violations(WITHOUT_ID, versions(WITH_DEFAULTED))).isEmpty();
    }

    @Test
    void full_needs_both_directions() {
        assertThat(CompatibilityLevel.FULL.violations(WITH_DEFAULTED, versions(V1))).isEmpty();
        assertThat(CompatibilityLevel.FULL.violations(WITHOUT_ID, versions(WITH_DEFAULTED))).isNotEmpty();
    }

    @Test
    void transitive_levels_check_every_version_plain_ones_only_the_latest() {
        List<VersionedSchema> history = versions(V1, WITH_REQUIRED);

        assertThat(CompatibilityLevel.BACKWARD.violations(WITH_REQUIRED, history)).isEmpty();
        assertThat(CompatibilityLevel.BACKWARD_TRANSITIVE.violations(WITH_REQUIRED, history))
                .singleElement().asString().contains("version 1");
        assertThat(CompatibilityLevel.FORWARD_TRANSITIVE.violations(WITH_REQUIRED, history)).isEmpty();
        assertThat(CompatibilityLevel.FULL.violations(WITH_REQUIRED, history)).isEmpty();
        assertThat(CompatibilityLevel.FULL_TRANSITIVE.violations(WITH_REQUIRED, history))
                .singleElement().asString().contains("cannot read data written with version 1");
    }

    @Test
    void none_accepts_anything() {
        assertThat(CompatibilityLevel.NONE.violations(WITH_REQUIRED, versions(WITHOUT_ID))).isEmpty();
    }

    @Test
    void levels_parse_case_insensitively() {
        assertThat(CompatibilityLevel.parse("full_transitive")).contains(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(CompatibilityLevel.parse("sideways")).isEmpty();
    }

    private static List<VersionedSchema> versions(Schema... schemas) {
        return java.util.stream.IntStream.range(0, schemas.length)
                .mapToObj(i -> new VersionedSchema(i + 1, i + 1, schemas[i])).toList();
    }

    static Schema record(String fields) {
        return new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"Instance\", \"namespace\": \"t\", \"fields\": [" + fields + "]}");
    }
}
