package io.understudy.proxy;

import io.micronaut.runtime.Micronaut;

/** Executes ConfigureProxy commands against the HAProxy of each instance. */
public final class ProxyConfiguratorApplication {
    private ProxyConfiguratorApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(ProxyConfiguratorApplication.class, args);
    }
}
