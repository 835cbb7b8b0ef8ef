package io.understudy.operator.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.understudy.contract.EnvironmentState;
import io.understudy.operator.log.RecordJson;
import org.apache.avro.specific.SpecificRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where what the orchestrator recorded and what the replay says part ways: an event recorded but not replayed,
 * replayed but not recorded, or different in any field; a final state that differs. Records are compared as
 * JSON, since Avro's own equals cannot compare timestamps inside unions in arrays.
 */
public final class Divergences {
    private Divergences() {
    }

    public static List<String> between(List<SpecificRecord> recorded, List<SpecificRecord> replayed,
                                       EnvironmentState recordedState, EnvironmentState replayedState) {
        List<String> found = new ArrayList<>();
        Map<String, ObjectNode> live = byEventId(recorded);
        Map<String, ObjectNode> again = byEventId(replayed);
        again.forEach((id, event) -> {
            ObjectNode was = live.get(id);
            if (was == null) {
                found.add("replayed but never recorded: " + event);
            } else if (!was.equals(event)) {
                found.add("recorded " + was + "\n    but replayed " + event);
            }
        });
        live.keySet().stream().filter(id -> !again.containsKey(id))
                .forEach(id -> found.add("recorded but not replayed: " + live.get(id)));
        if (recordedState != null && replayedState != null
                && !RecordJson.of(recordedState).equals(RecordJson.of(replayedState))) {
            found.add("final state differs: recorded revision " + recordedState.getRevision()
                    + ", replayed revision " + replayedState.getRevision());
        }
        return found;
    }

    /** Keyed by event id, which is deterministic; who wrote a record is not part of what it says. */
    private static Map<String, ObjectNode> byEventId(List<SpecificRecord> events) {
        Map<String, ObjectNode> byId = new LinkedHashMap<>();
        for (SpecificRecord event : events) {
            ObjectNode json = RecordJson.of(event);
            ((ObjectNode) json.get("meta")).remove("producer");
            byId.put(json.get("meta").get("eventId").asText(), json);
        }
        return byId;
    }
}
