package io.understudy.registry.catalog;

/** A version as callers name it: a number from 1, or {@code latest} (also spelled -1). */
public record VersionSpec(int number) {
    private static final int LATEST = -1;

    public static VersionSpec parse(String text) {
        if ("latest".equalsIgnoreCase(text)) {
            return new VersionSpec(LATEST);
        }
        try {
            int number = Integer.parseInt(text);
            if (number == LATEST || number >= 1) {
                return new VersionSpec(number);
            }
        } catch (NumberFormatException e) {
            // fall through to the registry's own error
        }
        throw RegistryError.invalidVersion(text);
    }

    public boolean latest() {
        return number == LATEST;
    }
}
