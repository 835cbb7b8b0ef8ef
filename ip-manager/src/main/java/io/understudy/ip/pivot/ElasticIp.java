package io.understudy.ip.pivot;

import java.util.Optional;

/** An Elastic IP as EC2 last described it; {@code instanceId} and {@code associationId} are empty when unassociated. */
public record ElasticIp(String allocationId, String publicIp, Optional<String> instanceId, Optional<String> associationId) {

    public boolean isOn(String instance) {
        return instanceId.filter(instance::equals).isPresent();
    }
}
