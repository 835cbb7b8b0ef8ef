package io.understudy.sandbox.cloud;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One instance as the cloud records it; public fields so the state file maps it one to one. */
public final class Instance {
    public String instanceId;
    public String reservationId;
    public String imageId;
    public String stackVersion;
    public String instanceType;
    public String zone;
    public String subnetId;
    public String privateAddress;
    public InstanceState state;
    public String stateReason = "";
    public Instant launchTime;
    public String clientToken = "";
    public int launchIndex;
    public Map<String, String> tags = new LinkedHashMap<>();

    public String role() {
        return tags.getOrDefault(Cloud.ROLE_TAG, "");
    }
}
