package io.understudy.demo.takeover;

/** One attempt of one step: from its start to its end (or still running), in epoch milliseconds. */
public record StepSpan(String step, int attempt, long startedAt, long endedAt, StepOutcome outcome) {
    public static final long OPEN = -1;

    public boolean ended() {
        return endedAt != OPEN;
    }

    public long durationMillis() {
        return ended() ? endedAt - startedAt : 0;
    }

    StepSpan end(long at, long reportedStart, StepOutcome how) {
        // the step's own start time from its end event is authoritative: its start event may have been missed
        return new StepSpan(step, attempt, reportedStart > 0 ? reportedStart : startedAt, at, how);
    }
}
