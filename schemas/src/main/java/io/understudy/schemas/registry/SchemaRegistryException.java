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
}
