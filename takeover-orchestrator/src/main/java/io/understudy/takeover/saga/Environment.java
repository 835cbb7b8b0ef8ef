package io.understudy.takeover.saga;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The orchestrator's view of one environment, including the takeover in flight (null when there is none).
 * The running master is the RUNNING APP_MASTER: a fenced former master keeps its role for the record.
 */
public record Environment(String id, String stackVersion, String imageId, ElasticIp elasticIp, int requiredCapacity,
                          String dataDevice, Map<String, String> subnets, List<Instance> instances,
                          FormerMasterPolicy formerMasterPolicy, Set<String> flapping, Takeover takeover, long revision,
                          Instant updatedAt) {

    public record ElasticIp(String allocationId, String publicIp) {
    }

    /** What becomes of a fenced former master once its takeover has completed. */
    public enum FormerMasterPolicy { KEEP_STOPPED, TERMINATE, KEEP_AS_UTILITY }

    public Environment {
        Objects.requireNonNull(id, "id");
        subnets = Map.copyOf(subnets);
        instances = List.copyOf(instances);
        flapping = Set.copyOf(flapping);
        formerMasterPolicy = formerMasterPolicy == null ? FormerMasterPolicy.KEEP_STOPPED : formerMasterPolicy;
    }

    /** A topology as registered: nothing is known to flap yet. */
    public Environment(String id, String stackVersion, String imageId, ElasticIp elasticIp, int requiredCapacity,
                       String dataDevice, Map<String, String> subnets, List<Instance> instances,
                       FormerMasterPolicy formerMasterPolicy, Takeover takeover, long revision, Instant updatedAt) {
        this(id, stackVersion, imageId, elasticIp, requiredCapacity, dataDevice, subnets, instances, formerMasterPolicy,
                Set.of(), takeover, revision, updatedAt);
    }

    public Optional<Instance> instance(String instanceId) {
        return instances.stream().filter(i -> i.id().equals(instanceId)).findFirst();
    }

    public Optional<Instance> runningMaster() {
        return instances.stream().filter(i -> i.role() == Instance.Role.APP_MASTER && i.running()).findFirst();
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
        return byInstance || (takeover != null && takeover.steps().stream()
                .anyMatch(s -> s.outputs().containsValue(resourceId)));
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
                newInstances, formerMasterPolicy, flapping, takeover, revision, updatedAt);
    }

    public Environment withTakeover(Takeover newTakeover) {
        return new Environment(id, stackVersion, imageId, elasticIp, requiredCapacity, dataDevice, subnets,
                instances, formerMasterPolicy, flapping, newTakeover, revision, updatedAt);
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
                instances, formerMasterPolicy, now, takeover, revision, updatedAt);
    }

    /** Every change moves the revision on, so readers of the compacted state topic can tell versions apart. */
    Environment revisedAt(long previousRevision, Instant at) {
        return new Environment(id, stackVersion, imageId, elasticIp, requiredCapacity, dataDevice, subnets,
                instances, formerMasterPolicy, flapping, takeover, previousRevision + 1, at);
    }
}
