package io.understudy.schemas.outcome;

/**
 * Keys and values that a failed command result carries in its outputs and that both sides rely on: the executing
 * service that writes them and the saga that acts on them. One home for each, so that a renamed key breaks the
 * build, not a takeover. What a success reports is typed, in the contract ({@code CommandOutput}), not here.
 */
public final class ResultOutputs {
    /** A failed result's cause, as a code: EC2's error code, or one of Understudy's own below. */
    public static final String ERROR_CODE = "errorCode";
    /**
     * The pivot found the Elastic IP on an instance that is neither the failed master nor a candidate: it is left
     * there, and the takeover waits for an operator.
     */
    public static final String ADDRESS_HELD_ELSEWHERE = "Understudy.AddressHeldElsewhere";
    /**
     * A resource a command or a registration names does not carry the environment's tag {@code understudy:environment}:
     * it belongs to another environment, or to none. Refused for good, the cloud unchanged.
     */
    public static final String NOT_OWNED = "Understudy.NotOwned";

    private ResultOutputs() {
    }
}
