package io.understudy.sandbox.cloud;

import java.util.List;
import java.util.Optional;

/** The sandbox's region: three zones, each with one default subnet and its own loopback range 127.77.<index>.0/24. */
public final class Zones {
    public static final String REGION = "us-east-1";
    public static final String VPC_ID = "vpc-sandbox";
    public static final List<Zone> ALL = List.of(
            new Zone("us-east-1a", "use1-az1", "subnet-sandbox-a", 1),
            new Zone("us-east-1b", "use1-az2", "subnet-sandbox-b", 2),
            new Zone("us-east-1c", "use1-az3", "subnet-sandbox-c", 3));

    private Zones() {
    }

    public record Zone(String name, String zoneId, String subnetId, int index) {
        public String cidr() {
            return "127.77." + index + ".0/24";
        }
    }

    public static Optional<Zone> byName(String name) {
        return ALL.stream().filter(z -> z.name().equals(name)).findFirst();
    }

    public static Optional<Zone> bySubnet(String subnetId) {
        return ALL.stream().filter(z -> z.subnetId().equals(subnetId)).findFirst();
    }
}
