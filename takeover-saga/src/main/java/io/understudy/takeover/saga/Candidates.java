package io.understudy.takeover.saga;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Who steps in for a master: a running app slave on the environment's stack version that does not flap, not given
 * up on already.
 * Among several, the lowest instance id, only so that the choice is deterministic: the data follows the candidate
 * through a snapshot into any zone, and nothing else known here makes one healthy slave better than another.
 */
final class Candidates {
    private Candidates() {
    }

    static Optional<Instance> choose(Environment environment) {
        return choose(environment, List.of());
    }

    static Optional<Instance> choose(Environment environment, Collection<String> excluded) {
        return environment.instances().stream()
                .filter(i -> eligible(environment, i) && !excluded.contains(i.id()))
                .min(Comparator.comparing(Instance::id));
    }

    static boolean eligible(Environment environment, Instance instance) {
        return instance.role() == Instance.Role.APP_SLAVE && instance.running()
                && environment.stackVersion().equals(instance.stackVersion())
                && !environment.flapping().contains(instance.id());
    }
}
