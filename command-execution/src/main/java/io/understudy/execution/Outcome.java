package io.understudy.execution;

import java.util.Map;

/** What came of a command: success with outputs, or a failure that is or is not worth retrying. */
public record Outcome(boolean succeeded, boolean retriable, String error, Map<String, String> outputs) {

    public Outcome {
        outputs = Map.copyOf(outputs);
    }

    public static Outcome succeeded(Map<String, String> outputs) {
        return new Outcome(true, false, null, outputs);
    }

    public static Outcome failedRetriably(String error) {
        return new Outcome(false, true, error, Map.of());
    }

    public static Outcome failedPermanently(String error) {
        return new Outcome(false, false, error, Map.of());
    }

    /** A failure with outputs, e.g. an EC2 failure with its error code: {@code ec2Failure.into(Outcome::failed)}. */
    public static Outcome failed(boolean retriable, String error, Map<String, String> outputs) {
        return new Outcome(false, retriable, error, outputs);
    }
}
