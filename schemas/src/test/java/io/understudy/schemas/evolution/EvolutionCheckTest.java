package io.understudy.schemas.evolution;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EvolutionCheckTest {
    private static final Schema V1 = record("""
            {"name": "id", "type": "string"}""");
    private static final Schema DEFAULTED_ADDED = record("""
            {"name": "id", "type": "string"}, {"name": "zone", "type": "string", "default": "a"}""");
    private static final Schema REQUIRED_ADDED = record("""
            {"name": "id", "type": "string"}, {"name": "zone", "type": "string"}""");
    private static final Schema DEFAULTED_ONLY = record("""
            {"name": "zone", "type": "string", "default": "a"}""");

    @Test
    void a_type_without_history_fails_naming_the_type() {
        List<String> problems = EvolutionCheck.problems(
                List.of(new ContractType("t.Instance", V1, CompatibilityRule.BACKWARD_TRANSITIVE)), name -> List.of());

        assertThat(problems).singleElement().asString()
                .contains("t.Instance").contains("no recorded schema version").contains("-Dschemas.record=true");
    }

    @Test
    void an_internal_type_may_add_a_defaulted_field_but_not_a_required_one() {
        Map<String, List<RecordedSchema>> history = Map.of("t.Instance", List.of(new RecordedSchema(1, V1)));

        assertThat(EvolutionCheck.problems(List.of(internal(DEFAULTED_ADDED)), history::get)).isEmpty();
        assertThat(EvolutionCheck.problems(List.of(internal(REQUIRED_ADDED)), history::get)).singleElement().asString()
                .contains("t.Instance breaks BACKWARD_TRANSITIVE").contains("cannot read data written with v1")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("zone");
    }

    @Test
    void an_internal_type_may_drop_a_field_a_public_one_may_not() {
        Map<String, List<RecordedSchema>> history = Map.of("t.Instance", List.of(new RecordedSchema(1, DEFAULTED_ADDED)));

        assertThat(EvolutionCheck.problems(List.of(internal(DEFAULTED_ONLY)), history::get)).isEmpty();
        assertThat(EvolutionCheck.problems(List.of(published(DEFAULTED_ONLY)), history::get)).singleElement().asString()
                .contains("FULL_TRANSITIVE").contains("readers on v1 cannot read data written with the current schema").contains("id");
    }

    @Test
    void every_recorded_version_counts_not_only_the_latest() {
        Map<String, List<RecordedSchema>> history = Map.of("t.Instance",
                List.of(new RecordedSchema(1, V1), new RecordedSchema(2, REQUIRED_ADDED)));

        assertThat(EvolutionCheck.problems(List.of(internal(REQUIRED_ADDED)), history::get))
                .singleElement().asString().contains("v1");
    }

    @Test
    void the_history_records_a_version_only_when_the_schema_changed() throws Exception {
        Path root = Files.createDirectories(Path.of("target", "history-" + UUID.randomUUID()));
        SchemaHistory history = new SchemaHistory(root);

        assertThat(history.recordIfChanged(V1)).map(RecordedSchema::version).contains(1);
        assertThat(history.recordIfChanged(record("""
                {"name": "id", "type": "string"}"""))).isEmpty();
        assertThat(history.recordIfChanged(DEFAULTED_ADDED)).map(RecordedSchema::version).contains(2);

        assertThat(root.resolve("t.Instance/v2.avsc")).exists();
        assertThat(history.versions("t.Instance")).extracting(RecordedSchema::version).containsExactly(1, 2);
        assertThat(history.versions("t.Instance").get(1).schema()).isEqualTo(DEFAULTED_ADDED);
        assertThat(history.versions("t.Unknown")).isEmpty();
    }

    @Test
    void the_contract_types_are_every_topic_value_with_public_ones_full_transitive() {
        List<ContractType> all = ContractType.all();

        assertThat(all).extracting(ContractType::fullName)
                .contains("io.understudy.contract.InstanceFailed", "io.understudy.contract.TakeoverStarted", "io.understudy.contract.DeadLetter")
                .doesNotHaveDuplicates()
                .doesNotContain("io.understudy.contract.EventMetadata");
        assertThat(all).filteredOn(t -> t.fullName().endsWith(".TakeoverStarted")).singleElement()
                .extracting(ContractType::rule).isEqualTo(CompatibilityRule.FULL_TRANSITIVE);
        assertThat(all).filteredOn(t -> t.fullName().endsWith(".InstanceFailed")).singleElement()
                .extracting(ContractType::rule).isEqualTo(CompatibilityRule.BACKWARD_TRANSITIVE);
    }

    private static ContractType internal(Schema schema) {
        return new ContractType("t.Instance", schema, CompatibilityRule.BACKWARD_TRANSITIVE);
    }

    private static ContractType published(Schema schema) {
        return new ContractType("t.Instance", schema, CompatibilityRule.FULL_TRANSITIVE);
    }

    private static Schema record(String fields) {
        return new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"Instance\", \"namespace\": \"t\", \"fields\": [" + fields + "]}");
    }
}
