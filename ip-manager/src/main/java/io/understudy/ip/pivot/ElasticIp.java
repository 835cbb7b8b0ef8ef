package io.understudy.ip.pivot;

import io.understudy.ec2.Ownership;

import java.util.Map;
import java.util.Optional;

/**
 * An Elastic IP as the cloud last described it; {@code instanceId} and {@code associationId} are empty when unassociated.
 * Its tags say whose it is.
 */
public record ElasticIp(String allocationId, String publicIp, Optional<String> instanceId, Optional<String> associationId,
                        Map<String, String> tags) {

    public ElasticIp {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    public Ownership.Tagged tagged() {
        return new Ownership.Tagged(allocationId, tags);
    }

    public boolean isOn(String instance) {
        return instanceId.filter(instance::equals).isPresent();
    }
}
