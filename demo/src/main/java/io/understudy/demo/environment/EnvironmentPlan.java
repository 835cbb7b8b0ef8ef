package io.understudy.demo.environment;

import java.util.List;

/**
 * What to build: the stack version (whose sandbox image is {@code ami-sandbox-<version>}), the required capacity
 * N and the zones; N+1 instances are started, the first one the master, spread over the zones in turn.
 */
public record EnvironmentPlan(String stackVersion, int requiredCapacity, List<String> zones, String dataDevice) {
    public static final EnvironmentPlan DEMO = new EnvironmentPlan("2026.11", 3,
            List.of("us-east-1a", "us-east-1b", "us-east-1c"), "/dev/sdf");

    public String imageId() {
        return "ami-sandbox-" + stackVersion;
    }

    public int instanceCount() {
        return requiredCapacity + 1;
    }

    public String zoneOf(int instanceIndex) {
        return zones.get(instanceIndex % zones.size());
    }

    /** The sandbox names its subnets after the zone's letter: subnet-sandbox-a for us-east-1a. */
    public String subnetOf(String zone) {
        return "subnet-sandbox-" + zone.charAt(zone.length() - 1);
    }
}
