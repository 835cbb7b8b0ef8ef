package io.understudy.health.environments;

import io.understudy.contract.EnvironmentState;
import io.understudy.health.watch.HealthWatch;
import io.understudy.health.watch.ProbeTargets;

import java.time.Clock;
import java.util.Set;

/** Feeds the environments' states to the health watch: what to probe, and what no longer to. */
public final class WatchFeed implements EnvironmentStateListener {
    private final HealthWatch watch;
    private final Clock clock;

    public WatchFeed(HealthWatch watch, Clock clock) {
        this.watch = watch;
        this.clock = clock;
    }

    @Override
    public void changed(int partition, String environmentId, EnvironmentState state) {
        watch.environmentChanged(partition, environmentId, ProbeTargets.of(environmentId, state), state.getUpdatedAt(),
                clock.instant());
    }

    @Override
    public void removed(String environmentId) {
        watch.environmentRemoved(environmentId, clock.instant());
    }

    @Override
    public void released(Set<Integer> partitions) {
        watch.partitionsReleased(partitions, clock.instant());
    }
}
