package io.understudy.takeover.saga;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The orchestrator's view of one environment, including every takeover in flight (oldest first). The running master
 * is the RUNNING APP_MASTER: a fenced former master keeps its role for the record.
 *
 * <p>{@code pause} is set while an operator (or a takeover that met something only an operator can settle) has
 * paused the environment; {@code deferred} holds failed instances whose takeover ended without success, with the
 * time from which they are tried again; {@code registration} is a registration waiting for its check against the
 * cloud (a new environment has no instances until it passes).
 */
public record Environment(String id, String stackVersion, String imageId, ElasticIp elasticIp, int requiredCapacity,
                          String dataDevice, Map<String, String> subnets, List<Instance> instances,
                          FormerMasterPolicy formerMasterPolicy, Set<String> flapping, List<Takeover> takeovers,
                          Pause pause, Map<String, Instant> deferred, Registration registration, long revision,
                          Instant updatedAt) {

    public record ElasticIp(String allocationId, String publicIp) {
    }

    /** Since when, why and at whose request the environment is paused. */
    public record Pause(Instant since, String reason, String by) {
    }

    /** What becomes of a fenced former master once its takeover has completed; a failed slave is kept stopped or terminated. */
    public enum FormerMasterPolicy { KEEP_STOPPED, TERMINATE, KEEP_AS_UTILITY }

    public Environment {
        Objects.requireNonNull(id, "id");
        subnets = Map.copyOf(subnets);
        instances = List.copyOf(instances);
        flapping = Set.copyOf(flapping);
        takeovers = List.copyOf(takeovers);
        deferred = Map.copyOf(deferred);
        formerMasterPolicy = formerMasterPolicy == null ? FormerMasterPolicy.KEEP_STOPPED : formerMasterPolicy;
    }

    /** A topology as registered: nothing is known to flap, nothing is in flight, nothing paused or deferred. */
    public static Environment registered(String id, String stackVersion, String imageId, ElasticIp elasticIp,
                                         int requiredCapacity, String dataDevice, Map<String, String> subnets,
                                         List<Instance> instances, FormerMasterPolicy formerMasterPolicy,
                                         Instant updatedAt) {
        return new Environment(id, stackVersion, imageId, elasticIp, requiredCapacity, dataDevice, subnets, instances,
                formerMasterPolicy, Set.of(), List.of(), null, Map.of(), null, 0, updatedAt);
    }

    public Optional<Instance> instance(String instanceId) {
        return instances.stream().filter(i -> i.id().equals(instanceId)).findFirst();
    }

    public Optional<Instance> runningMaster() {
        return instances.stream().filter(i -> i.role() == Instance.Role.APP_MASTER && i.running()).findFirst();
    }

    public Optional<Takeover> takeover(String takeoverId) {
        return takeovers.stream().filter(t -> t.id().equals(takeoverId)).findFirst();
    }

    /** The takeover in flight that will move the master role and has not pivoted yet: there is at most one. */
    public Optional<Takeover> takeoverBeforePivot() {
        return takeovers.stream().filter(t -> t.movesMaster() && !t.pivoted()).findFirst();
    }

    /** Whether a takeover in flight is about this instance (it takes it over or replaces it). */
    public boolean handled(String instanceId) {
        return takeovers.stream().anyMatch(t -> instanceId.equals(t.failedInstanceId()));
    }

    public boolean paused() {
        return pause != null;
    }

    public long runningAppInstances() {
        return instances.stream().filter(i -> i.servesApp() && i.running()).count();
    }

    /** The spare capacity rule: N instances for everyday traffic plus one to survive a failure. */
    public int requiredAppInstances() {
        return requiredCapacity + 1;
    }

    public boolean capacityDegraded() {
        return runningAppInstances() < requiredAppInstances();
    }

    /** Whether an instance, a volume or a step's output names this cloud resource: then it is in use, not litter. */
    public boolean refersTo(String resourceId) {
        boolean byInstance = instances.stream()
                .anyMatch(i -> resourceId.equals(i.id()) || resourceId.equals(i.dataVolumeId()));
        return byInstance || takeovers.stream().flatMap(t -> t.steps().stream())
                .anyMatch(s -> s.outputs().containsValue(resourceId));
    }

    public Environment updateInstance(String instanceId, UnaryOperator<Instance> change) {
        return withInstances(instances.stream().map(i -> i.id().equals(instanceId) ? change.apply(i) : i).toList());
    }

    public Environment addInstance(Instance instance) {
        List<Instance> more = new ArrayList<>(instances);
        more.add(instance);
        return withInstances(more);
    }

    public Environment withInstances(List<Instance> newInstances) {
        return new Environment(id, stackVersion, imageId, elasticIp, requiredCapacity, dataDevice, subnets,
                newInstances, formerMasterPolicy, flapping, takeovers, pause, deferred, registration, revision, updatedAt);
    }

    /** The takeover replaces the one in flight with its id, or joins the takeovers in flight. */
    public Environment withTakeover(Takeover takeover) {
        List<Takeover> next = new ArrayList<>(takeovers.stream().filter(t -> !t.id().equals(takeover.id())).toList());
        int at = indexOf(takeover.id());
        next.add(at < 0 ? next.size() : at, takeover);
        return withTakeovers(next);
    }

    public Environment withoutTakeover(String takeoverId) {
        return withTakeovers(takeovers.stream().filter(t -> !t.id().equals(takeoverId)).toList());
    }

    public Environment withTakeovers(List<Takeover> newTakeovers) {
        return new Environment(id, stackVersion, imageId, elasticIp, requiredCapacity, dataDevice, subnets,
                instances, formerMasterPolicy, flapping, newTakeovers, pause, deferred, registration, revision, updatedAt);
    }

    public Environment withPause(Pause newPause) {
        return new Environment(id, stackVersion, imageId, elasticIp, requiredCapacity, dataDevice, subnets,
                instances, formerMasterPolicy, flapping, takeovers, newPause, deferred, registration, revision, updatedAt);
    }

    public Environment withRegistration(Registration pending) {
        return new Environment(id, stackVersion, imageId, elasticIp, requiredCapacity, dataDevice, subnets,
                instances, formerMasterPolicy, flapping, takeovers, pause, deferred, pending, revision, updatedAt);
    }

    /** {@code until} null: the instance is no longer deferred. */
    public Environment deferredUntil(String instanceId, Instant until) {
        Map<String, Instant> next = new HashMap<>(deferred);
        if (until == null) {
            next.remove(instanceId);
        } else {
            next.put(instanceId, until);
        }
        return new Environment(id, stackVersion, imageId, elasticIp, requiredCapacity, dataDevice, subnets,
                instances, formerMasterPolicy, flapping, takeovers, pause, next, registration, revision, updatedAt);
    }

    /** The health monitor says the instance flaps (or no longer does): a flapping slave is never promoted. */
    public Environment withFlapping(String instanceId, boolean flaps) {
        Set<String> now = new HashSet<>(flapping);
        if (flaps) {
            now.add(instanceId);
        } else {
            now.remove(instanceId);
        }
        return new Environment(id, stackVersion, imageId, elasticIp, requiredCapacity, dataDevice, subnets,
                instances, formerMasterPolicy, now, takeovers, pause, deferred, registration, revision, updatedAt);
    }

    /** Every change moves the revision on, so readers of the compacted state topic can tell versions apart. */
    Environment revisedAt(long previousRevision, Instant at) {
        return new Environment(id, stackVersion, imageId, elasticIp, requiredCapacity, dataDevice, subnets,
                instances, formerMasterPolicy, flapping, takeovers, pause, deferred, registration, previousRevision + 1, at);
    }

    private int indexOf(String takeoverId) {
        for (int i = 0; i < takeovers.size(); i++) {
            if (takeovers.get(i).id().equals(takeoverId)) {
                return i;
            }
        }
        return -1;
    }
}
