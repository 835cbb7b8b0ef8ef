package io.understudy.schemas.registry;

/** The registry refused a request, or could not be reached; {@link #retriable()} tells which. */
public class SchemaRegistryException extends RuntimeException {
    private final int errorCode;
    private final boolean retriable;

    public SchemaRegistryException(String message, int errorCode, boolean retriable, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
        this.retriable = retriable;
    }

    /** Confluent error code (e.g. 40403 schema not found, 409 incompatible), or 0 when no answer came. */
    public int errorCode() {
        return errorCode;
    }

    public boolean retriable() {
        return retriable;
    }

    /**
     * The registry refused the credentials (40101: missing or wrong; 40301: not allowed, e.g. a reader registering).
     * Not retriable, since asking again changes nothing, but not the fault of any record either: configuration is.
     */
    public boolean credentialsRefused() {
        return errorCode == 40101 || errorCode == 40301 || errorCode == 401 || errorCode == 403;
    }
}
