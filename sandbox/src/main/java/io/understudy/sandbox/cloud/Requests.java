package io.understudy.sandbox.cloud;

import java.util.Map;

/** What the API edge hands the cloud, already parsed from the query parameters. */
public final class Requests {
    private Requests() {
    }

    /** @param zone and {@code subnetId} may be null: then a default subnet is chosen */
    public record Run(String imageId, String instanceType, String zone, String subnetId, int minCount, int maxCount,
                      String clientToken, Map<String, String> tags) {
    }

    public record CreateVolume(Integer size, String zone, String snapshotId, String volumeType, String clientToken,
                               Map<String, String> tags) {
    }

    public record StateChange(String instanceId, InstanceState previous, InstanceState current) {
    }

    public record TagEntry(String resourceId, String resourceType, String key, String value) {
    }
}
