package io.understudy.provisioner.fleet;

import io.understudy.ec2.Ownership;

import java.util.Map;

/**
 * An instance as the cloud described it, in no provider's types. {@code privateAddress} and {@code subnetId} are
 * empty when it has none (yet); {@code tags} are key to value.
 */
public record Instance(String id, InstanceState state, String privateAddress, String zone, String subnetId,
                       String imageId, Map<String, String> tags) {
    public Instance {
        privateAddress = privateAddress == null ? "" : privateAddress;
        subnetId = subnetId == null ? "" : subnetId;
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** The instance with its tags, as the ownership check reads them. */
    public Ownership.Tagged tagged() {
        return new Ownership.Tagged(id, tags);
    }

    public boolean carries(String key, String value) {
        return value.equals(tags.get(key));
    }
}
