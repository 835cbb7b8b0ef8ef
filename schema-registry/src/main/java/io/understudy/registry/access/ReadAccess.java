package io.understudy.registry.access;

import java.util.Locale;

/** Who may read the registry ({@code understudy.registry.reads}): anyone, or the reader and the writer only. */
public enum ReadAccess {
    OPEN,
    AUTHENTICATED;

    public static ReadAccess parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("understudy.registry.reads is " + value + ": it must be open or authenticated");
        }
    }

    public String setting() {
        return name().toLowerCase(Locale.ROOT);
    }
}
