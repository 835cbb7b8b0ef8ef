package io.understudy.registry;

/**
 * A class loader view that hides other Understudy modules' Micronaut bean definitions. An embedded registry
 * shares the JVM (and classpath) with other modules: the dev stack's ({@code ./understudy stack up}, the demo),
 * and the services under test; without this, their eager beans and listeners would start a second time inside the
 * registry's application context. Run-time code, then, not a test helper.
 */
final class RegistryBeansOnly extends ClassLoader {
    private static final String OWN = "io.understudy.registry.";
    private static final String PROJECT = "io.understudy.";
    /** Who may read the registry's own /health details and /prometheus: shared with the services, wanted here too. */
    private static final String MANAGEMENT = "io.understudy.management.";
    /** Kafka integration of other services would connect to the broker from the registry's context too. */
    private static final String MICRONAUT_KAFKA = "io.micronaut.configuration.kafka.";

    RegistryBeansOnly(ClassLoader parent) {
        super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (foreignBeanDefinition(name)) {
            throw new ClassNotFoundException(name + " is not part of the embedded schema registry");
        }
        return super.loadClass(name, resolve);
    }

    static boolean foreignBeanDefinition(String name) {
        boolean definition = name.contains("$Definition");
        boolean foreign = name.startsWith(PROJECT) && !name.startsWith(OWN) && !name.startsWith(MANAGEMENT)
                || name.startsWith(MICRONAUT_KAFKA);
        return definition && foreign;
    }
}
