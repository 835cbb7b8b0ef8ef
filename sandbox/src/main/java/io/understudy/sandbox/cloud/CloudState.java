package io.understudy.sandbox.cloud;

import java.util.LinkedHashMap;
import java.util.Map;

/** Everything the cloud knows, as one document: what the state file holds and a restart reads back. */
public final class CloudState {
    public Map<String, Instance> instances = new LinkedHashMap<>();
    public Map<String, Address> addresses = new LinkedHashMap<>();
    public Map<String, Volume> volumes = new LinkedHashMap<>();
    public Map<String, Snapshot> snapshots = new LinkedHashMap<>();
    /** Last host number handed out per zone, so private addresses are not reused while the sandbox lives. */
    public Map<String, Integer> lastHost = new LinkedHashMap<>();
    public int lastPublicHost;
}
