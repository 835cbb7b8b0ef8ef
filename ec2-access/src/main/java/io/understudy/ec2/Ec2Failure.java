package io.understudy.ec2;

import io.understudy.schemas.outcome.ResultOutputs;

import java.util.Map;

/**
 * An EC2 call that failed, classified: whether the same command sent again may succeed ({@link Ec2Errors.Kind}),
 * EC2's error code (empty when EC2 gave none) and what was attempted with EC2's own words. This module knows
 * nothing of commands: the executing services turn a failure into their outcome with {@link #into}, e.g.
 * {@code failure.into(Outcome::failed)}.
 */
public record Ec2Failure(Ec2Errors.Kind kind, String errorCode, String error) {

    /** What a failure becomes: a command's outcome, for the executing services. */
    @FunctionalInterface
    public interface Into<T> {
        T failed(boolean retriable, String error, Map<String, String> outputs);
    }

    public static Ec2Failure of(boolean retriable, String errorCode, String error) {
        return new Ec2Failure(retriable ? Ec2Errors.Kind.RETRIABLE : Ec2Errors.Kind.PERMANENT, errorCode, error);
    }

    public boolean retriable() {
        return kind == Ec2Errors.Kind.RETRIABLE;
    }

    /** EC2's error code under {@value ResultOutputs#ERROR_CODE}, when there is one; nothing otherwise. */
    public Map<String, String> outputs() {
        return errorCode.isEmpty() ? Map.of() : Map.of(ResultOutputs.ERROR_CODE, errorCode);
    }

    public <T> T into(Into<T> as) {
        return as.failed(retriable(), error, outputs());
    }
}
