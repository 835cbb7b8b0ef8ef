package io.understudy.ip.pivot;

import io.understudy.ec2.Ownership;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.util.List;
import java.util.Optional;

/**
 * An Elastic IP as EC2 last described it; {@code instanceId} and {@code associationId} are empty when unassociated.
 * Its tags say whose it is.
 */
public record ElasticIp(String allocationId, String publicIp, Optional<String> instanceId, Optional<String> associationId,
                        List<Tag> tags) {

    public ElasticIp {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public Ownership.Tagged tagged() {
        return new Ownership.Tagged(allocationId, tags);
    }

    public boolean isOn(String instance) {
        return instanceId.filter(instance::equals).isPresent();
    }
}
