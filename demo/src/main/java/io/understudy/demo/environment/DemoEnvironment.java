package io.understudy.demo.environment;

import java.util.List;
import java.util.Map;

/**
 * The environment the demo builds before Understudy watches it: a master holding the Elastic IP and the data
 * volume, and slaves, all on one stack version; capacity N with one spare.
 */
public record DemoEnvironment(String id, String stackVersion, String imageId, String allocationId, String publicIp,
                              String dataVolumeId, String dataDevice, int requiredCapacity,
                              Map<String, String> subnetsByZone, List<AppInstance> instances) {

    public AppInstance master() {
        return instances.stream().filter(AppInstance::master).findFirst()
                .orElseThrow(() -> new IllegalStateException("environment " + id + " has no master"));
    }

    public List<AppInstance> slaves() {
        return instances.stream().filter(i -> !i.master()).toList();
    }

    /** The public address users reach the application at: the Elastic IP's HTTP frontend. */
    public String publicUrl(int port) {
        return "http://" + publicIp + ":" + port;
    }
}
