package io.understudy.invariants;

import java.util.Optional;

/** Asks an instance for its own account of the master's duties, as opposed to what its EC2 tags say. */
@FunctionalInterface
public interface DutiesProbe {
    /**
     * What the instance says of itself, or empty when it does not answer (crashed, booting, stopped). Throwing
     * counts the whole sample as failed, so keep "no answer" for empty.
     */
    Optional<Duties> ask(String instanceId, String privateAddress);
}
