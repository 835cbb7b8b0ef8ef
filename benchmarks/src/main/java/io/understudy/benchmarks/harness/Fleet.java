package io.understudy.benchmarks.harness;

import io.understudy.contract.ElasticIp;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.FormerMasterPolicy;
import io.understudy.contract.Instance;
import io.understudy.contract.InstanceFailed;
import io.understudy.contract.InstanceStatus;
import io.understudy.contract.RegisterEnvironment;
import io.understudy.contract.Role;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Environments that exist only in the instant cloud: a master with a data volume and the Elastic IP, two slaves,
 * one zone, registered as an operator registers them; and their masters' failures, as the health monitor declares them.
 */
public final class Fleet {
    static final String ZONE = "us-east-1a";
    private static final String IMAGE = "ami-12c6146b";
    private static final String STACK_VERSION = "stack-2026.11";
    private static final String PRODUCER = "benchmark";

    private Fleet() {
    }

    public static String environmentId(int n) {
        return String.format(Locale.ROOT, "bench-%05d", n);
    }

    static String masterOf(String environmentId) {
        return "i-" + environmentId + "-m";
    }

    public static RegisterEnvironment registration(String environmentId) {
        int octet = Math.floorMod(environmentId.hashCode(), 250) + 1;
        List<Instance> instances = List.of(
                instance(masterOf(environmentId), Role.APP_MASTER, "10.1." + octet + ".10", "vol-" + environmentId),
                instance("i-" + environmentId + "-s1", Role.APP_SLAVE, "10.1." + octet + ".11", null),
                instance("i-" + environmentId + "-s2", Role.APP_SLAVE, "10.1." + octet + ".12", null));
        return RegisterEnvironment.newBuilder()
                .setMeta(meta(environmentId))
                .setStackVersion(STACK_VERSION).setImageId(IMAGE)
                .setElasticIp(ElasticIp.newBuilder().setAllocationId("eipalloc-" + environmentId).setPublicIp("192.0.2.1").build())
                .setRequiredCapacity(2).setDataDevice("/dev/sdf")
                .setSubnets(Map.of(ZONE, "subnet-" + environmentId))
                .setInstances(instances).setFormerMasterPolicy(FormerMasterPolicy.KEEP_STOPPED).build();
    }

    /** The master's failure as the health monitor's quorum declares it: every observer agreeing. */
    public static InstanceFailed masterFailed(String environmentId) {
        return InstanceFailed.newBuilder().setMeta(meta(environmentId)).setInstanceId(masterOf(environmentId))
                .setReason("benchmark: declared failed").setLastHealthyAt(Instant.now().minusSeconds(1))
                .setConsecutiveFailures(3).setObserver("benchmark-observer").setPhi(16.0)
                .setAgreeingObservers(List.of("benchmark-observer")).setQuorum(1).setZones(List.of(ZONE)).build();
    }

    private static Instance instance(String id, Role role, String address, String dataVolume) {
        return Instance.newBuilder().setInstanceId(id).setRole(role).setPrivateAddress(address)
                .setAvailabilityZone(ZONE).setStackVersion(STACK_VERSION).setImageId(IMAGE)
                .setDataVolumeId(dataVolume).setStatus(InstanceStatus.RUNNING).build();
    }

    private static EventMetadata meta(String environmentId) {
        return EventMetadata.newBuilder().setEventId(UUID.randomUUID().toString()).setEnvironmentId(environmentId)
                .setOccurredAt(Instant.now()).setProducer(PRODUCER).build();
    }
}
