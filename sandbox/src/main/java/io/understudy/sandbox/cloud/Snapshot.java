package io.understudy.sandbox.cloud;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A point-in-time copy of a volume's directory: pending while it is copied, then completed. */
public final class Snapshot {
    public String snapshotId;
    public String volumeId;
    public int size;
    public String state;
    public Instant startTime;
    public String description = "";
    public Map<String, String> tags = new LinkedHashMap<>();
}
