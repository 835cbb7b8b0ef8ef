package io.understudy.provisioner.placement;

import java.util.Optional;

/** Where an instance can boot: a subnet, which fixes the zone, or a zone alone (its default subnet). */
public record Placement(String availabilityZone, Optional<String> subnetId) {

    public static Placement subnet(String availabilityZone, String subnetId) {
        return new Placement(availabilityZone, Optional.of(subnetId));
    }

    public static Placement zone(String availabilityZone) {
        return new Placement(availabilityZone, Optional.empty());
    }

    @Override
    public String toString() {
        return subnetId.map(s -> s + " (" + availabilityZone + ")").orElse(availabilityZone);
    }
}
