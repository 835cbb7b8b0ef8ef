package io.understudy.schemas.evolution;

import io.understudy.schemas.topic.Topic;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How far a contract type's schema may move from every version recorded before it, in Confluent's terms.
 * Always transitive: a consumer may meet a record of any age on a topic that keeps records forever.
 */
public enum CompatibilityRule {
    /** Current code reads every recorded version: enough when we deploy all readers ourselves. */
    BACKWARD_TRANSITIVE(true, false),
    /** Current readers read every version and every recorded reader reads current data: for systems we do not control. */
    FULL_TRANSITIVE(true, true);

    private final boolean currentReadsRecorded;
    private final boolean recordedReadsCurrent;

    CompatibilityRule(boolean currentReadsRecorded, boolean recordedReadsCurrent) {
        this.currentReadsRecorded = currentReadsRecorded;
        this.recordedReadsCurrent = recordedReadsCurrent;
    }

    /** Public topics are read by systems we do not control, so anything on one evolves FULL_TRANSITIVE. */
    public static CompatibilityRule forTopics(Collection<Topic> topics) {
        return topics.stream().anyMatch(t -> t.audience == Topic.Audience.PUBLIC) ? FULL_TRANSITIVE : BACKWARD_TRANSITIVE;
    }

    /** Every way {@code current} breaks this rule against {@code recorded}; empty when it does not. */
    public List<String> violations(Schema current, List<RecordedSchema> recorded) {
        List<String> violations = new ArrayList<>();
        for (RecordedSchema old : recorded) {
            if (currentReadsRecorded) {
                describe(current, old.schema(), "the current schema cannot read data written with v" + old.version(), violations);
            }
            if (recordedReadsCurrent) {
                describe(old.schema(), current, "readers on v" + old.version() + " cannot read data written with the current schema", violations);
            }
        }
        return violations;
    }

    private static void describe(Schema reader, Schema writer, String what, List<String> into) {
        for (Incompatibility found : SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult().getIncompatibilities()) {
            into.add(what + ": " + found.getType() + " at " + found.getLocation() + " (" + found.getMessage() + ")");
        }
    }
}
