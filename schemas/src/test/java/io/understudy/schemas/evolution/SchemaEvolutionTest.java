package io.understudy.schemas.evolution;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build's gate on schema evolution: every contract value type must be compatible with every recorded
 * version of its schema (FULL_TRANSITIVE on public topics, BACKWARD_TRANSITIVE on internal ones).
 * Run with {@code -Dschemas.record=true} to record the current schemas as the next versions where they changed.
 */
class SchemaEvolutionTest {
    private static final SchemaHistory HISTORY = new SchemaHistory(
            Path.of(System.getProperty("basedir", ".")).resolve("src/main/avro-history"));

    @Test
    void every_contract_type_evolves_compatibly_with_its_recorded_versions() {
        List<ContractType> types = ContractType.all();

        List<String> problems = EvolutionCheck.problems(types, HISTORY::versions).stream()
                .filter(problem -> !recordable(problem))
                .toList();
        if (problems.isEmpty() && Boolean.getBoolean("schemas.record")) {
            types.forEach(type -> HISTORY.recordIfChanged(type.schema()).ifPresent(recorded ->
                    System.out.println("recorded " + type.fullName() + " v" + recorded.version())));
        }

        assertThat(EvolutionCheck.problems(types, HISTORY::versions))
                .as("schema evolution against the history in " + HISTORY.root())
                .isEmpty();
    }

    /** A missing history is what recording fixes; an incompatibility must never be recorded over. */
    private static boolean recordable(String problem) {
        return Boolean.getBoolean("schemas.record") && problem.contains("has no recorded schema version");
    }
}
