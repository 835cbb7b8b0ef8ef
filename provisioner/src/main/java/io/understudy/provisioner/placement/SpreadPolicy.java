package io.understudy.provisioner.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * In which order to try the places a replacement may boot. {@code SPREAD} puts it in the zone where the
 * environment runs fewest instances, so one zone's outage takes as few of them as possible; ties go to the zone
 * the orchestrator asked for. {@code AS_COMMANDED} tries the asked-for zone first. Either way the other zones
 * follow, so that InsufficientInstanceCapacity in one zone is answered by booting in another.
 */
public final class SpreadPolicy {

    public enum Mode {
        SPREAD, AS_COMMANDED;

        public static Mode of(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    private SpreadPolicy() {
    }

    /**
     * @param requested  the place the command names
     * @param siblings   the other places the environment may use (one per zone is kept)
     * @param liveByZone the environment's pending or running instances per zone
     */
    public static List<Placement> order(Mode mode, Placement requested, List<Placement> siblings, Map<String, Integer> liveByZone) {
        Map<String, Placement> oneByZone = new LinkedHashMap<>();
        oneByZone.put(requested.availabilityZone(), requested);
        siblings.stream()
                .sorted(Comparator.comparing((Placement p) -> p.subnetId().orElse("")))
                .forEach(p -> oneByZone.putIfAbsent(p.availabilityZone(), p));
        Comparator<Placement> spread = Comparator
                .comparing((Placement p) -> liveByZone.getOrDefault(p.availabilityZone(), 0))
                .thenComparing(p -> !p.equals(requested))
                .thenComparing(Placement::availabilityZone);
        List<Placement> ordered = new ArrayList<>(oneByZone.values());
        ordered.sort(mode == Mode.SPREAD ? spread : Comparator.comparing((Placement p) -> !p.equals(requested)).thenComparing(spread));
        return List.copyOf(ordered);
    }
}
