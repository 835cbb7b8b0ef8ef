package io.understudy.provisioner.registration;

import io.understudy.ec2.Ownership.Tagged;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The resources a registration names, as EC2 describes them, with their tags. Looked up by filter rather than by id:
 * EC2 fails a whole DescribeInstances when one of the ids is unknown, and the check must name every resource that is
 * missing, not only the first.
 */
@Singleton
public class RegisteredResources {
    private final Ec2Client ec2;

    public RegisteredResources(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    /** The named instances EC2 knows, by id; an unknown one is absent. */
    public Map<String, Tagged> instances(List<String> instanceIds) {
        if (instanceIds.isEmpty()) {
            return Map.of();
        }
        return byId(ec2.describeInstancesPaginator(r -> r.filters(filter("instance-id", instanceIds))).reservations().stream()
                .flatMap(r -> r.instances().stream()).map(i -> new Tagged(i.instanceId(), i.tags())));
    }

    public Map<String, Tagged> volumes(List<String> volumeIds) {
        if (volumeIds.isEmpty()) {
            return Map.of();
        }
        return byId(ec2.describeVolumesPaginator(r -> r.filters(filter("volume-id", volumeIds))).volumes().stream()
                .map(v -> new Tagged(v.volumeId(), v.tags())));
    }

    public Map<String, Tagged> addresses(List<String> allocationIds) {
        if (allocationIds.isEmpty()) {
            return Map.of();
        }
        return byId(ec2.describeAddresses(r -> r.filters(filter("allocation-id", allocationIds))).addresses().stream()
                .map(a -> new Tagged(a.allocationId(), a.tags())));
    }

    private static Filter filter(String name, List<String> values) {
        return Filter.builder().name(name).values(values).build();
    }

    private static Map<String, Tagged> byId(Stream<Tagged> described) {
        return described.collect(LinkedHashMap::new, (m, t) -> m.putIfAbsent(t.id(), t), Map::putAll);
    }

}
