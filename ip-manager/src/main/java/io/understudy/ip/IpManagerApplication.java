package io.understudy.ip;

import io.micronaut.runtime.Micronaut;

/** ip-manager: moves the environment's Elastic IP to the new master, the takeover's pivot. */
public final class IpManagerApplication {
    private IpManagerApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(IpManagerApplication.class, args);
    }
}
