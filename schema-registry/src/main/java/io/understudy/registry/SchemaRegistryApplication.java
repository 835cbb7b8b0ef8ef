package io.understudy.registry;

import io.micronaut.runtime.Micronaut;

/** The registry as a service of its own: {@code java -jar schema-registry-all.jar}, configured by application.yml and the environment. */
public final class SchemaRegistryApplication {
    private SchemaRegistryApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args)
                .mainClass(SchemaRegistryApplication.class)
                .environments(RegistryEnvironment.NAME)
                .start();
    }
}
