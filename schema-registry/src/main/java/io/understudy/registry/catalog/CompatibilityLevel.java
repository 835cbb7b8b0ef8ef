package io.understudy.registry.catalog;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Confluent's compatibility levels: which earlier versions a new schema must be checked against, and in which direction. */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean newReadsOld;
    private final boolean oldReadsNew;
    private final boolean transitive;

    CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
        this.newReadsOld = newReadsOld;
        this.oldReadsNew = oldReadsNew;
        this.transitive = transitive;
    }

    public static Optional<CompatibilityLevel> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(level -> level.name().equals(wanted)).findFirst();
    }

    /** Why {@code candidate} may not follow {@code earlier} (oldest first); empty when it may. */
    public List<String> violations(Schema candidate, List<VersionedSchema> earlier) {
        List<VersionedSchema> checked = transitive || earlier.isEmpty() ? earlier : List.of(earlier.get(earlier.size() - 1));
        List<String> violations = new ArrayList<>();
        for (VersionedSchema old : checked) {
            if (newReadsOld) {
                describe(candidate, old.schema(), "cannot read data written with version " + old.version(), violations);
            }
            if (oldReadsNew) {
                describe(old.schema(), candidate, "version " + old.version() + " cannot read data written with it", violations);
            }
        }
        return violations;
    }

    private static void describe(Schema reader, Schema writer, String what, List<String> into) {
        List<Incompatibility> found = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult().getIncompatibilities();
        for (Incompatibility incompatibility : found) {
            into.add(what + ": " + incompatibility.getType() + " at " + incompatibility.getLocation()
                    + " (" + incompatibility.getMessage() + ")");
        }
    }
}
