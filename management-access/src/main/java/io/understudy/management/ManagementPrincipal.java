package io.understudy.management;

import java.security.Principal;

/** Whoever presented the management credentials, as Micronaut's endpoints see them (e.g. health details). */
record ManagementPrincipal(String user) implements Principal {
    @Override
    public String getName() {
        return user;
    }
}
