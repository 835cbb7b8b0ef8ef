package io.understudy.sandbox.cloud;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/** Finding resources by id the way EC2 does: malformed ids and unknown ids fail with EC2's codes. */
final class Lookup {
    private final CloudState state;

    Lookup(CloudState state) {
        this.state = state;
    }

    static <T> Stream<T> select(Map<String, T> all, List<String> ids, String notFound, String what, String prefix) {
        if (ids.isEmpty()) {
            return all.values().stream();
        }
        for (String id : ids) {
            if (!id.startsWith(prefix)) {
                throw new Ec2Exception(notFound.replace(".NotFound", ".Malformed").replace("InvalidVolume.", "InvalidVolumeID.")
                        .replace("InvalidSnapshot.", "InvalidSnapshotID."), "Invalid id: \"" + id + "\"");
            }
            if (!all.containsKey(id)) {
                throw Ec2Exception.notFound(notFound, id, what);
            }
        }
        return ids.stream().distinct().map(all::get);
    }

    List<Instance> existing(List<String> ids) {
        if (ids.isEmpty()) {
            throw new Ec2Exception("MissingParameter", "The request must contain the parameter InstanceId");
        }
        return select(state.instances, ids, "InvalidInstanceID.NotFound", "instance ID", "i-").toList();
    }

    Volume volume(String volumeId) {
        if (volumeId == null) {
            throw new Ec2Exception("MissingParameter", "The request must contain the parameter VolumeId");
        }
        return select(state.volumes, List.of(volumeId), "InvalidVolume.NotFound", "volume", "vol-").findFirst().orElseThrow();
    }

    Address address(String allocationId, String publicIp) {
        if (allocationId != null) {
            return select(state.addresses, List.of(allocationId), "InvalidAllocationID.NotFound", "allocation ID", "eipalloc-")
                    .findFirst().orElseThrow();
        }
        return state.addresses.values().stream().filter(a -> a.publicIp.equals(publicIp)).findFirst()
                .orElseThrow(() -> Ec2Exception.notFound("InvalidAddress.NotFound", String.valueOf(publicIp), "address"));
    }

    Map<String, String> tagsOf(String resourceId) {
        Function<String, Ec2Exception> missing = code -> Ec2Exception.notFound(code, resourceId, "ID");
        if (resourceId.startsWith("i-")) {
            return Optional.ofNullable(state.instances.get(resourceId)).map(i -> i.tags).orElseThrow(() -> missing.apply("InvalidInstanceID.NotFound"));
        }
        if (resourceId.startsWith("vol-")) {
            return Optional.ofNullable(state.volumes.get(resourceId)).map(v -> v.tags).orElseThrow(() -> missing.apply("InvalidVolume.NotFound"));
        }
        if (resourceId.startsWith("snap-")) {
            return Optional.ofNullable(state.snapshots.get(resourceId)).map(s -> s.tags).orElseThrow(() -> missing.apply("InvalidSnapshot.NotFound"));
        }
        if (resourceId.startsWith("eipalloc-")) {
            return Optional.ofNullable(state.addresses.get(resourceId)).map(a -> a.tags).orElseThrow(() -> missing.apply("InvalidAllocationID.NotFound"));
        }
        throw new Ec2Exception("InvalidID", "The ID '" + resourceId + "' is not valid");
    }
}
