package io.understudy.sandbox.cloud;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A volume (a directory) and its one attachment, if any. States follow EC2: creating, available, in-use, deleting, deleted. */
public final class Volume {
    public String volumeId;
    public int size;
    public String zone;
    public String snapshotId = "";
    public String volumeType = "gp3";
    public String state;
    public Instant createTime;
    public String clientToken = "";
    public Map<String, String> tags = new LinkedHashMap<>();
    /** Set while attached: attaching, attached or detaching. */
    public String attachedTo;
    public String device;
    public String attachmentState;
    public Instant attachTime;

    public boolean attached() {
        return attachedTo != null;
    }
}
