package io.understudy.ec2;

import java.util.Arrays;

/**
 * A call to the cloud that failed, already classified by the adapter that made it: the one exception the executing
 * services' cloud ports throw, so that their handlers decide on codes and kinds without a type of the provider's SDK.
 * {@link Ec2Errors#translated} makes one from the AWS SDK's exceptions; another provider's adapter makes its own.
 */
public final class CloudCallFailed extends RuntimeException {
    private final Ec2Errors.Kind kind;
    private final String code;
    private final String reason;

    /** {@code code}: the provider's error code, empty when it gave none; {@code reason}: its own words. */
    public CloudCallFailed(Ec2Errors.Kind kind, String code, String reason, Throwable cause) {
        super((code.isEmpty() ? "" : code + ": ") + reason, cause);
        this.kind = kind;
        this.code = code;
        this.reason = reason;
    }

    public String code() {
        return code;
    }

    public boolean hasCode(String... codes) {
        return Arrays.asList(codes).contains(code);
    }

    /** The failure of {@code attempted}: "cannot attach vol-1 to i-2: IncorrectState: ...", with its kind and code. */
    public Ec2Failure failure(String attempted) {
        return Ec2Failure.of(kind == Ec2Errors.Kind.RETRIABLE, code, "cannot " + attempted + ": " + getMessage());
    }
}
