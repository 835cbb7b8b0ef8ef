package io.understudy.proxy;

import io.micronaut.runtime.Micronaut;

/**
 * Executes ConfigureProxy commands against the HAProxy of each instance, and gives a second opinion on a failure
 * (CorroborateFailure) from its own vantage before a forced fence.
 */
public final class ProxyConfiguratorApplication {
    private ProxyConfiguratorApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(ProxyConfiguratorApplication.class, args);
    }
}
