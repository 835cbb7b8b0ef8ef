package io.understudy.demo.takeover;

/**
 * What the demo learns about a takeover, in its own words: the edge that reads Kafka translates the health and
 * public takeover events into these, so the live view, the timeline and the summary never see Avro. Times are
 * epoch milliseconds as the producing service stamped them.
 */
public sealed interface TakeoverNews {
    long at();

    /** The health monitor declared an instance failed (or first suspected it). */
    record FailureDetected(long at, String instanceId, boolean suspicionOnly, String reason) implements TakeoverNews {
    }

    record TakeoverBegan(long at, String kind, String failedInstanceId, String candidateInstanceId) implements TakeoverNews {
    }

    record StepBegan(long at, String step, int attempt) implements TakeoverNews {
    }

    record StepEnded(long at, String step, int attempt, long startedAt, StepOutcome outcome, String detail) implements TakeoverNews {
    }

    record TakeoverEnded(long at, boolean succeeded, String newMasterInstanceId, String replacementInstanceId,
                         String reason) implements TakeoverNews {
    }

    record CapacityShort(long at, int required, int running) implements TakeoverNews {
    }
}
