package io.understudy.sandbox.cloud;

import java.util.LinkedHashMap;
import java.util.Map;

/** An Elastic IP: its public address and, while associated, the instance it reaches. */
public final class Address {
    public String allocationId;
    public String publicIp;
    public String instanceId;
    public String associationId;
    public Map<String, String> tags = new LinkedHashMap<>();

    public boolean associated() {
        return instanceId != null;
    }
}
