package io.understudy.health.watch;

import io.understudy.health.detection.InstanceRef;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The instances this replica probes, by environment. An environment belongs to one partition of the
 * environment-state topic; when the partition moves to another replica its instances leave the list.
 */
public final class Watchlist {
    private final Map<String, Watched> byEnvironment = new HashMap<>();

    /** The difference an update makes: instances to start and to stop tracking. */
    public record Change(List<ProbeTarget> added, List<ProbeTarget> removed) {
        static final Change NONE = new Change(List.of(), List.of());

        public boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty();
        }
    }

    public Change environmentChanged(int partition, String environmentId, Collection<ProbeTarget> targets) {
        Map<InstanceRef, ProbeTarget> wanted = targets.stream()
                .collect(Collectors.toMap(ProbeTarget::instance, Function.identity(), (a, b) -> b, LinkedHashMap::new));
        Watched previous = byEnvironment.put(environmentId, new Watched(partition, wanted));
        Map<InstanceRef, ProbeTarget> before = previous == null ? Map.of() : previous.targets;
        List<ProbeTarget> added = wanted.values().stream().filter(t -> !before.containsKey(t.instance())).toList();
        List<ProbeTarget> removed = before.values().stream().filter(t -> !wanted.containsKey(t.instance())).toList();
        return new Change(added, removed);
    }

    public Change environmentRemoved(String environmentId) {
        Watched previous = byEnvironment.remove(environmentId);
        return previous == null ? Change.NONE : new Change(List.of(), List.copyOf(previous.targets.values()));
    }

    public Change partitionsReleased(Set<Integer> partitions) {
        List<ProbeTarget> removed = new ArrayList<>();
        byEnvironment.values().removeIf(watched -> {
            if (partitions.contains(watched.partition)) {
                removed.addAll(watched.targets.values());
                return true;
            }
            return false;
        });
        return new Change(List.of(), removed);
    }

    public List<ProbeTarget> targets() {
        return byEnvironment.values().stream().flatMap(w -> w.targets.values().stream()).toList();
    }

    public Set<String> environments() {
        return Set.copyOf(byEnvironment.keySet());
    }

    public boolean contains(ProbeTarget target) {
        Watched watched = byEnvironment.get(target.instance().environmentId());
        return watched != null && target.equals(watched.targets.get(target.instance()));
    }

    private record Watched(int partition, Map<InstanceRef, ProbeTarget> targets) {
    }
}
