package io.understudy.testing;

import java.util.HashSet;
import java.util.Set;

/** The ports of one app instance: stand-in app server, public HAProxy frontend, HAProxy runtime API. */
public record InstancePorts(int app, int proxy, int admin) {

    public static InstancePorts pickFree() {
        Set<Integer> ports = new HashSet<>();
        while (ports.size() < 3) {
            ports.add(FreePorts.pick());
        }
        Integer[] picked = ports.toArray(Integer[]::new);
        return new InstancePorts(picked[0], picked[1], picked[2]);
    }
}
