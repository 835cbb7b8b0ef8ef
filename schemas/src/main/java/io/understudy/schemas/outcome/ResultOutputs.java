package io.understudy.schemas.outcome;

/**
 * Keys and values that command results carry in their outputs and that both sides rely on: the executing service
 * that writes them and the saga that acts on them. One home for each, so that a renamed key breaks the build, not a
 * takeover.
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
    /** A second opinion's answer ({@code CorroborateFailure}): {@link #CONFIRMED} or {@link #REFUTED}. */
    public static final String VERDICT = "verdict";
    public static final String CONFIRMED = "confirmed";
    public static final String REFUTED = "refuted";
    /** What the second opinion saw, in words. */
    public static final String EVIDENCE = "evidence";

    private ResultOutputs() {
    }
}
