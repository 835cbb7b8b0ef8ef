package io.understudy.operator.audit;

import io.understudy.contract.EventMetadata;
import io.understudy.contract.TakeoverCompleted;
import io.understudy.contract.TakeoverFailed;
import io.understudy.contract.TakeoverStarted;
import io.understudy.contract.TakeoverStepCompensated;
import io.understudy.contract.TakeoverStepFailed;
import io.understudy.contract.TakeoverStepStarted;
import io.understudy.contract.TakeoverStepSucceeded;
import io.understudy.operator.audit.Timeline.Ending;
import io.understudy.operator.audit.Timeline.Entry;
import org.apache.avro.specific.SpecificRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the takeovers' timelines from public events alone: the same function for the recorded and the replayed. */
public final class Timelines {
    private static final String RUNNING = "running";

    private Timelines() {
    }

    public static List<Timeline> of(List<SpecificRecord> events) {
        Map<String, Timeline> byTakeover = new LinkedHashMap<>();
        for (SpecificRecord event : events) {
            EventMetadata meta = (EventMetadata) event.get(event.getSchema().getField("meta").pos());
            String id = meta.getTakeoverId();
            if (event instanceof TakeoverStarted started && byTakeover.containsKey(id)) {
                // the saga gave up on a candidate and goes on with the next one, in the same takeover
                byTakeover.computeIfPresent(id, (k, timeline) -> timeline.with(new Entry("candidate", 0, meta.getOccurredAt(),
                        meta.getOccurredAt(), "next: " + started.getCandidateInstanceId(), started.getReason())));
            } else if (event instanceof TakeoverStarted started) {
                byTakeover.put(id, new Timeline(id, started.getKind().name(), started.getFailedInstanceId(),
                        started.getCandidateInstanceId(), meta.getCausationId(), started.getReason(), meta.getOccurredAt(),
                        List.of(), null));
            } else if (id != null && byTakeover.containsKey(id)) {
                byTakeover.computeIfPresent(id, (k, timeline) -> apply(timeline, event, meta));
            }
        }
        return new ArrayList<>(byTakeover.values());
    }

    private static Timeline apply(Timeline timeline, SpecificRecord event, EventMetadata meta) {
        if (event instanceof TakeoverStepStarted e) {
            return timeline.with(new Entry(e.getStep(), e.getAttempt(), meta.getOccurredAt(), null, RUNNING, e.getCommandId()));
        }
        if (event instanceof TakeoverStepSucceeded e) {
            return close(timeline, e.getStep(), e.getAttempt(), new Entry(e.getStep(), e.getAttempt(), e.getStartedAt(),
                    meta.getOccurredAt(), "succeeded", e.getOutputs().isEmpty() ? "" : new TreeMap<>(e.getOutputs()).toString()));
        }
        if (event instanceof TakeoverStepFailed e) {
            return close(timeline, e.getStep(), e.getAttempt(), new Entry(e.getStep(), e.getAttempt(), e.getStartedAt(),
                    meta.getOccurredAt(), e.getRetriable() ? "failed, retrying" : "failed for good", e.getReason()));
        }
        if (event instanceof TakeoverStepCompensated e) {
            return timeline.with(new Entry(e.getStep(), 0, e.getStartedAt(), meta.getOccurredAt(), "compensated", e.getCommandId()));
        }
        if (event instanceof TakeoverCompleted e) {
            String detail = (e.getNewMasterInstanceId() == null ? "" : "new master " + e.getNewMasterInstanceId() + ", ")
                    + "replacement " + e.getReplacementInstanceId();
            return timeline.ended(new Ending("completed", meta.getOccurredAt(), detail));
        }
        if (event instanceof TakeoverFailed e) {
            return timeline.ended(new Ending("failed", meta.getOccurredAt(), e.getReason()));
        }
        return timeline;
    }

    /** The attempt's running entry gets its outcome; an outcome without a start (should not happen) is added. */
    private static Timeline close(Timeline timeline, String step, int attempt, Entry closed) {
        return timeline.entries().stream()
                .filter(e -> e.step().equals(step) && e.attempt() == attempt && RUNNING.equals(e.outcome()))
                .findFirst().map(open -> timeline.replacing(open, closed)).orElseGet(() -> timeline.with(closed));
    }
}
