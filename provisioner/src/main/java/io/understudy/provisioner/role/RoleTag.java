package io.understudy.provisioner.role;

import io.understudy.contract.Role;
import io.understudy.schemas.tags.ResourceTags;

import java.util.Locale;
import java.util.Optional;

/**
 * The {@code understudy:role} tag, the single source of truth for master duties: software on the instance
 * turns cron and migrations on or off from it.
 */
public final class RoleTag {
    public static final String KEY = ResourceTags.ROLE;

    private RoleTag() {
    }

    /**
     * {@code app_master}, {@code app_slave}, {@code utility}, {@code fenced}; empty for UNKNOWN, which must never be
     * written.
     */
    public static Optional<String> valueOf(Role role) {
        if (role == null || role == Role.UNKNOWN) {
            return Optional.empty();
        }
        return Optional.of(role.name().toLowerCase(Locale.ROOT));
    }
}
