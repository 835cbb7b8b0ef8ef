package io.understudy.management;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.understudy.http.BasicCredentials;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The one user and password that may read the management endpoints beyond {@code /health}'s status: the setting
 * {@value #PROPERTY} ({@value #VARIABLE}), {@code user:password}. Unset or blank, nobody may: the service says so
 * once when its HTTP server starts.
 */
@Singleton
public final class ManagementCredentials implements ApplicationEventListener<ServerStartupEvent> {
    public static final String PROPERTY = "understudy.management.credentials";
    public static final String VARIABLE = "UNDERSTUDY_MANAGEMENT_CREDENTIALS";
    private static final Logger LOG = LoggerFactory.getLogger(ManagementCredentials.class);

    private final Optional<BasicCredentials> credentials;

    // unset is a state of its own (nobody may read), not a default: every application.yml says "" to show the key
    ManagementCredentials(@Property(name = PROPERTY) @Nullable String userInfo) {
        this.credentials = parse(userInfo);
    }

    static Optional<BasicCredentials> parse(String userInfo) {
        try {
            return BasicCredentials.fromUserInfo(userInfo);
        } catch (IllegalArgumentException e) {
            // the value is a secret: name the setting, never show it
            throw new IllegalArgumentException(PROPERTY + " (" + VARIABLE + ") must read user:password, with a user "
                    + "without ':' and a non-empty password: " + e.getMessage(), e);
        }
    }

    /** Empty when the setting is unset or blank: then every request for a sensitive endpoint is refused. */
    public Optional<BasicCredentials> get() {
        return credentials;
    }

    /** Whether an {@code Authorization} header carries the management credentials; never when there are none. */
    boolean accept(String authorization) {
        return credentials.map(c -> c.matches(authorization)).orElse(false);
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (credentials.isPresent()) {
            LOG.info("Management endpoints: /health answers its status to anyone; its details, /prometheus and every "
                    + "other endpoint need the basic credentials of user '{}' ({})", credentials.get().user(), PROPERTY);
        } else {
            LOG.warn("{} ({}) is not set: /health answers its status only, and /prometheus and every other management "
                    + "endpoint are refused to everyone. Set it to user:password to read them.", PROPERTY, VARIABLE);
        }
    }
}
