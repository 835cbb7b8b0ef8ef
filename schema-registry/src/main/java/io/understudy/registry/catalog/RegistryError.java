package io.understudy.registry.catalog;

import java.util.List;

/** A refusal in the Confluent Schema Registry's own terms: its error code and message. */
public final class RegistryError extends RuntimeException {
    private final int errorCode;

    private RegistryError(int errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    private RegistryError(int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public int errorCode() {
        return errorCode;
    }

    public static RegistryError subjectNotFound(String subject) {
        return new RegistryError(40401, "Subject '" + subject + "' not found.");
    }

    public static RegistryError versionNotFound(String subject, int version) {
        return new RegistryError(40402, "Version " + version + " not found in subject '" + subject + "'.");
    }

    public static RegistryError schemaNotFound() {
        return new RegistryError(40403, "Schema not found");
    }

    public static RegistryError schemaIdNotFound(int id) {
        return new RegistryError(40403, "Schema " + id + " not found");
    }

    public static RegistryError subjectLevelNotConfigured(String subject) {
        return new RegistryError(40408, "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    public static RegistryError incompatible(String subject, List<String> violations) {
        return new RegistryError(409, "Schema being registered is incompatible with an earlier schema for subject \""
                + subject + "\", details: " + violations);
    }

    public static RegistryError invalidSchema(String why) {
        return new RegistryError(42201, "Invalid schema: " + why);
    }

    public static RegistryError invalidVersion(String version) {
        return new RegistryError(42202, "The specified version '" + version + "' is not a valid version id. "
                + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    public static RegistryError invalidLevel(String level) {
        return new RegistryError(42203, "Invalid compatibility level '" + level + "'. Valid values are none, backward, "
                + "forward, full, backward_transitive, forward_transitive, and full_transitive");
    }

    public static RegistryError storeFailed(String what, Throwable cause) {
        return new RegistryError(50001, "Error in the backend data store: " + what, cause);
    }
}
