package io.understudy.sandbox.local;

import io.understudy.sandbox.cloud.Instance;

/** What the local side needs of an instance, copied while the cloud holds its lock so that no thread reads it half-changed. */
record Machine(String instanceId, String privateAddress, String stackVersion, String role) {
    static Machine of(Instance instance) {
        return new Machine(instance.instanceId, instance.privateAddress, instance.stackVersion, instance.role());
    }
}
