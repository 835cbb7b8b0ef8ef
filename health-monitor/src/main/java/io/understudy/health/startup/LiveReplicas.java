package io.understudy.health.startup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The quorum's live replicas and their zones as this replica last saw them, for {@code /health} and the gauges.
 * Warns each time the count falls to one: that replica's view alone then decides every failure (or, with min-agree
 * 2, none can be declared at all).
 */
final class LiveReplicas {
    private static final Logger LOG = LoggerFactory.getLogger(LiveReplicas.class);

    private final int minAgree;
    private volatile Map<String, String> members = Map.of();

    LiveReplicas(int minAgree) {
        this.minAgree = minAgree;
    }

    /** @param now replica ids and zones of the quorum's members; empty before the first assignment, which changes nothing */
    void update(Map<String, String> now) {
        if (now.isEmpty()) {
            return;
        }
        Map<String, String> before = members;
        members = Map.copyOf(now);
        if (before.size() == now.size()) {
            return;
        }
        if (now.size() == 1) {
            LOG.warn("the quorum sees only one live replica, {} (zone {}): {}; production should run at least 2 replicas"
                            + " in at least 2 zones with understudy.health.quorum.min-agree 2", now.keySet().iterator().next(),
                    describe(zones()), minAgree > 1 ? "no failure can be declared until another one joins"
                            : "its view alone declares every failure");
        } else {
            LOG.info("the quorum sees {} live replicas in zones {}", now.size(), describe(zones()));
        }
    }

    int count() {
        return members.size();
    }

    /** The zones the live replicas said they run in; those of unknown zone add none. */
    SortedSet<String> zones() {
        SortedSet<String> zones = new TreeSet<>(members.values());
        zones.remove("");
        return zones;
    }

    static String describe(SortedSet<String> zones) {
        return zones.isEmpty() ? "unknown" : String.join(", ", zones);
    }
}
