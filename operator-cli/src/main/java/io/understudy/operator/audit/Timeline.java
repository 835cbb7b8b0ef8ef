package io.understudy.operator.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One takeover as it happened: what started it, each attempt of each step, what was undone, how it ended. */
public record Timeline(String takeoverId, String kind, String failedInstance, String candidate, String causationId,
                       String reason, Instant startedAt, List<Entry> entries, Ending ending) {

    /** An attempt of a step (with its outcome once known), or a compensation. */
    public record Entry(String step, int attempt, Instant startedAt, Instant endedAt, String outcome, String detail) {

        public Duration duration() {
            return endedAt == null ? null : Duration.between(startedAt, endedAt);
        }
    }

    /** Completed or failed, when, and what it left behind or why. */
    public record Ending(String outcome, Instant at, String detail) {
    }

    Timeline with(Entry entry) {
        List<Entry> more = new ArrayList<>(entries);
        more.add(entry);
        return new Timeline(takeoverId, kind, failedInstance, candidate, causationId, reason, startedAt, more, ending);
    }

    Timeline replacing(Entry old, Entry entry) {
        List<Entry> changed = new ArrayList<>(entries);
        changed.set(changed.indexOf(old), entry);
        return new Timeline(takeoverId, kind, failedInstance, candidate, causationId, reason, startedAt, changed, ending);
    }

    Timeline ended(Ending end) {
        return new Timeline(takeoverId, kind, failedInstance, candidate, causationId, reason, startedAt, entries, end);
    }
}
