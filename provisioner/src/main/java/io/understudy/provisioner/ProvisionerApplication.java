package io.understudy.provisioner;

import io.micronaut.runtime.Micronaut;

/** provisioner: the instance lifecycle of a takeover: fence (stop), boot, role, terminate. */
public final class ProvisionerApplication {
    private ProvisionerApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(ProvisionerApplication.class, args);
    }
}
