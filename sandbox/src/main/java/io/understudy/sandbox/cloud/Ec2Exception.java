package io.understudy.sandbox.cloud;

/** An EC2 error as EC2 names it ({@code InvalidInstanceID.NotFound}, ...); the API edge answers it with HTTP 400. */
public final class Ec2Exception extends RuntimeException {
    private final String code;

    public Ec2Exception(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }

    static Ec2Exception notFound(String code, String id, String what) {
        return new Ec2Exception(code, "The " + what + " '" + id + "' does not exist");
    }
}
