package io.understudy.provisioner.aws;

import io.understudy.ec2.Ec2Errors;
import io.understudy.ec2.Ownership.Tagged;
import io.understudy.provisioner.registration.RegisteredResources;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@link RegisteredResources} on EC2. Looked up by filter rather than by id: EC2 fails a whole DescribeInstances when
 * one of the ids is unknown, and the check must name every resource that is missing, not only the first.
 */
@Singleton
public class Ec2RegisteredResources implements RegisteredResources {
    private final Ec2Client ec2;

    public Ec2RegisteredResources(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public Map<String, Tagged> instances(List<String> instanceIds) {
        if (instanceIds.isEmpty()) {
            return Map.of();
        }
        return call(() -> byId(ec2.describeInstancesPaginator(r -> r.filters(filter("instance-id", instanceIds)))
                .reservations().stream()
                .flatMap(r -> r.instances().stream()).map(i -> new Tagged(i.instanceId(), i.tags()))));
    }

    @Override
    public Map<String, Tagged> volumes(List<String> volumeIds) {
        if (volumeIds.isEmpty()) {
            return Map.of();
        }
        return call(() -> byId(ec2.describeVolumesPaginator(r -> r.filters(filter("volume-id", volumeIds))).volumes()
                .stream().map(v -> new Tagged(v.volumeId(), v.tags()))));
    }

    @Override
    public Map<String, Tagged> addresses(List<String> allocationIds) {
        if (allocationIds.isEmpty()) {
            return Map.of();
        }
        return call(() -> byId(ec2.describeAddresses(r -> r.filters(filter("allocation-id", allocationIds))).addresses()
                .stream().map(a -> new Tagged(a.allocationId(), a.tags()))));
    }

    private static Filter filter(String name, List<String> values) {
        return Filter.builder().name(name).values(values).build();
    }

    /** Inside the call: the paginators fetch their pages, and may fail, while the stream is read. */
    private static Map<String, Tagged> call(Supplier<Map<String, Tagged>> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw Ec2Errors.translated(e);
        }
    }

    private static Map<String, Tagged> byId(Stream<Tagged> described) {
        return described.collect(LinkedHashMap::new, (m, t) -> m.putIfAbsent(t.id(), t), Map::putAll);
    }
}
