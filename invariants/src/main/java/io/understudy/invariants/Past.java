package io.understudy.invariants;

import java.util.Set;

/**
 * What the judge needs from before: the instance the Elastic IP was last seen on (null for none), and which
 * instances EC2 said were masters at the previous reading.
 */
public record Past(String addressHolder, Set<String> mastersByTag) {
    public Past {
        mastersByTag = Set.copyOf(mastersByTag);
    }

    /** Before the first sample: where the address was when watching began, no reading of masters yet. */
    public static Past watchingFrom(String addressHolder) {
        return new Past(addressHolder, Set.of());
    }
}
