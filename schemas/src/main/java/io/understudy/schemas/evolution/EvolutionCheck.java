package io.understudy.schemas.evolution;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The build's schema-evolution gate: every contract type must have a recorded history, and its current schema
 * must follow its rule against every recorded version.
 */
public final class EvolutionCheck {
    private EvolutionCheck() {
    }

    /** What is wrong, one line per type and problem; empty when the contract may be released. */
    public static List<String> problems(List<ContractType> types, Function<String, List<RecordedSchema>> history) {
        List<String> problems = new ArrayList<>();
        for (ContractType type : types) {
            List<RecordedSchema> recorded = history.apply(type.fullName());
            if (recorded.isEmpty()) {
                problems.add(type.fullName() + " has no recorded schema version: record v1 with -Dschemas.record=true");
                continue;
            }
            for (String violation : type.rule().violations(type.schema(), recorded)) {
                problems.add(type.fullName() + " breaks " + type.rule() + ": " + violation);
            }
        }
        return problems;
    }
}
