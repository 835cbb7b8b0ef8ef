package io.understudy.demo.takeover;

/**
 * What the demo learns about a takeover, in its own words: the edge that reads Kafka translates the health and
 * public takeover events into these, so the live view, the timeline and the summary never see Avro. Times are
 * epoch milliseconds as the producing service stamped them.
 *
 * <p>Read through {@link Visitor}, one method per kind of news and no defaults: a new kind must implement
 * {@link #accept}, and then the timeline and the live view do not compile until they say what it means to them.
 */
public sealed interface TakeoverNews {
    long at();

    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R visit(FailureDetected news);

        R visit(TakeoverBegan news);

        R visit(StepBegan news);

        R visit(StepEnded news);

        R visit(TakeoverEnded news);

        R visit(CapacityShort news);
    }

    /** The health monitor declared an instance failed (or first suspected it). */
    record FailureDetected(long at, String instanceId, boolean suspicionOnly, String reason) implements TakeoverNews {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record TakeoverBegan(long at, String kind, String failedInstanceId, String candidateInstanceId) implements TakeoverNews {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record StepBegan(long at, String step, int attempt) implements TakeoverNews {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record StepEnded(long at, String step, int attempt, long startedAt, StepOutcome outcome, String detail) implements TakeoverNews {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record TakeoverEnded(long at, boolean succeeded, String newMasterInstanceId, String replacementInstanceId,
                         String reason) implements TakeoverNews {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }

    record CapacityShort(long at, int required, int running) implements TakeoverNews {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visit(this);
        }
    }
}
