package io.understudy.execution;

import io.understudy.schemas.outcome.Outputs;
import org.apache.avro.specific.SpecificRecord;

import java.util.Map;

/**
 * What came of a command: success with its typed output (a record of the contract's {@code CommandOutput}), or a
 * failure that is or is not worth retrying. {@code outputs} is the output's map rendering, or a failure's details.
 */
public record Outcome(boolean succeeded, boolean retriable, String error, Map<String, String> outputs,
                      SpecificRecord output) {

    public Outcome {
        outputs = Map.copyOf(outputs);
    }

    public Outcome(boolean succeeded, boolean retriable, String error, Map<String, String> outputs) {
        this(succeeded, retriable, error, outputs, null);
    }

    public static Outcome succeeded(SpecificRecord output) {
        return new Outcome(true, false, null, Outputs.render(output), output);
    }

    /** A success with no typed output: a test double's, or an answer nobody acts on. */
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
