package io.understudy.takeover.avro;

/** Domain and contract enums share their symbols; a symbol one side does not know becomes its UNKNOWN. */
final class Enums {
    private Enums() {
    }

    static <T extends Enum<T>> T convert(Enum<?> value, Class<T> to) {
        if (value == null) {
            return Enum.valueOf(to, "UNKNOWN");
        }
        try {
            return Enum.valueOf(to, value.name());
        } catch (IllegalArgumentException e) {
            return Enum.valueOf(to, "UNKNOWN");
        }
    }

    /** For enums without an UNKNOWN: a symbol the other side does not know becomes {@code fallback}. */
    static <T extends Enum<T>> T convert(Enum<?> value, Class<T> to, T fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(to, value.name());
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }
}
