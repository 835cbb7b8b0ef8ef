package io.understudy.health.impending;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns EC2's status reports into impending failures of the instances Understudy watches. A pending scheduled
 * event is one (EC2 will stop, retire or reboot the instance); so is an impaired status check (the system check is
 * AWS's hardware or network under the instance; the instance check, its kernel or network stack). Each cause is
 * announced once while it lasts; one that clears is forgotten, so that it is announced again if it returns. Pure:
 * no clock, no I/O; the announced causes are its only state.
 */
public final class ImpendingFailures {
    private static final String IMPAIRED = "impaired";
    private final Map<String, Impending> announced = new HashMap<>();

    /**
     * @param environmentOf the watched instances and their environment; reports of other instances are ignored
     * @param reports       one round of DescribeInstanceStatus
     * @return the causes not announced before
     */
    public List<Impending> next(Map<String, String> environmentOf, List<StatusReport> reports) {
        List<Impending> current = reports.stream()
                .filter(r -> environmentOf.containsKey(r.instanceId()))
                .flatMap(r -> causes(environmentOf.get(r.instanceId()), r).stream())
                .toList();
        Set<String> keys = current.stream().map(Impending::key).collect(Collectors.toSet());
        announced.keySet().retainAll(keys);
        List<Impending> fresh = new ArrayList<>();
        for (Impending impending : current) {
            if (announced.putIfAbsent(impending.key(), impending) == null) {
                fresh.add(impending);
            }
        }
        return fresh;
    }

    /** A cause that could not be published is not announced: the next round offers it again. */
    public void forget(Impending impending) {
        announced.remove(impending.key());
    }

    private static List<Impending> causes(String environmentId, StatusReport report) {
        List<Impending> causes = new ArrayList<>();
        String instanceId = report.instanceId();
        for (StatusReport.ScheduledEvent event : report.events()) {
            if (event.isPending()) {
                String id = event.id().isEmpty() ? event.code() + "@" + event.notBefore().map(Object::toString).orElse("") : event.id();
                causes.add(new Impending(environmentId, instanceId, instanceId + "/event/" + id,
                        "EC2 scheduled " + event.code() + event.notBefore().map(t -> " not before " + t).orElse("")
                                + ": " + event.description(), event.notBefore()));
            }
        }
        if (IMPAIRED.equals(report.systemStatus())) {
            causes.add(new Impending(environmentId, instanceId, instanceId + "/system-status",
                    "EC2's system status check is impaired (the host or network under the instance)", Optional.empty()));
        }
        if (IMPAIRED.equals(report.instanceStatus())) {
            causes.add(new Impending(environmentId, instanceId, instanceId + "/instance-status",
                    "EC2's instance status check is impaired (the instance's own network or kernel)", Optional.empty()));
        }
        return causes;
    }
}
