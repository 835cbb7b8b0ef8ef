package io.understudy.provisioner.registration;

import io.understudy.ec2.CloudCallFailed;
import io.understudy.ec2.Ownership.Tagged;

import java.util.List;
import java.util.Map;

/**
 * The resources a registration names, as the cloud describes them, with their tags: the port the registration check
 * uses. {@code io.understudy.provisioner.aws.Ec2RegisteredResources} is the adapter for EC2. Each lookup answers for
 * every id at once, an unknown one absent from the map rather than failing the rest, so that the check can name every
 * resource that is missing; a lookup that cannot be made throws {@link CloudCallFailed}.
 */
public interface RegisteredResources {

    /** The named instances the cloud knows, by id. */
    Map<String, Tagged> instances(List<String> instanceIds);

    Map<String, Tagged> volumes(List<String> volumeIds);

    Map<String, Tagged> addresses(List<String> allocationIds);
}
