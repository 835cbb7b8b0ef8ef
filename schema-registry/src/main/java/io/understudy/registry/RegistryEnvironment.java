package io.understudy.registry;

/**
 * The Micronaut environment every registry bean requires. Only the registry's own entry points activate it, so
 * a service that has this module on its classpath (for tests) does not grow a second registry inside it.
 */
public final class RegistryEnvironment {
    public static final String NAME = "schema-registry";

    private RegistryEnvironment() {
    }
}
