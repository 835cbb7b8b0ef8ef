package io.understudy.signatures;

/** Whether an operator command was signed by an operator the deployment trusts, and by whom. */
public sealed interface Verdict {

    /** {@code principal}: the common name of the operator's certificate. */
    record Signed(String principal) implements Verdict {
    }

    /** Not to be acted on; {@code reason} says why, for the dead letter and the operator. */
    record Refused(String reason) implements Verdict {
    }
}
