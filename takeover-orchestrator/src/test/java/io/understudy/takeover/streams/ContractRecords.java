package io.understudy.takeover.streams;

import io.understudy.contract.*;
import org.apache.avro.specific.SpecificRecord;

import java.lang.reflect.Method;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Contract records as the operator, the health monitor and the executing services write them. */
public final class ContractRecords {
    private ContractRecords() {
    }

    public static EventMetadata meta(String eventId, String environmentId, String causationId, Instant at, String producer) {
        return EventMetadata.newBuilder().setEventId(eventId).setEnvironmentId(environmentId).setTakeoverId(null)
                .setCausationId(causationId).setOccurredAt(at).setProducer(producer).build();
    }

    public static Instance instance(String id, Role role, String address, String zone, String volume) {
        return Instance.newBuilder().setInstanceId(id).setRole(role).setPrivateAddress(address).setAvailabilityZone(zone)
                .setStackVersion("2024.1").setImageId("ami-12c6146b").setDataVolumeId(volume)
                .setStatus(InstanceStatus.RUNNING).build();
    }

    /** A master in zone a with a data volume and two slaves, required capacity 2 (so N+1 = 3). */
    public static RegisterEnvironment register(String environmentId, Instant at, String allocationId, List<Instance> instances) {
        return RegisterEnvironment.newBuilder()
                .setMeta(meta("register-" + environmentId, environmentId, null, at, "operator"))
                .setStackVersion("2024.1").setImageId("ami-12c6146b")
                .setElasticIp(new ElasticIp(allocationId, "198.51.100.7")).setRequiredCapacity(2)
                .setDataDevice("/dev/sdf").setSubnets(Map.of("us-east-1a", "subnet-a", "us-east-1b", "subnet-b"))
                .setInstances(instances).build();
    }

    public static InstanceFailed instanceFailed(String eventId, String environmentId, String instanceId, Instant at) {
        return InstanceFailed.newBuilder().setMeta(meta(eventId, environmentId, null, at, "health-monitor"))
                .setInstanceId(instanceId).setReason("3 consecutive probes failed").setConsecutiveFailures(3)
                .setObserver("test").build();
    }

    /**
     * A success for any command, as its executing service reports it (meta.eventId = "result:" + commandId), with
     * the outputs the next steps need.
     */
    public static CommandResult succeeded(SpecificRecord command, Instant at, Map<String, String> outputs) {
        EventMetadata commandMeta = metaOf(command);
        EventMetadata meta = EventMetadata.newBuilder(commandMeta).setEventId("result:" + commandMeta.getEventId())
                .setCausationId(commandMeta.getEventId()).setOccurredAt(at).setProducer("test-executor").build();
        return CommandResult.newBuilder().setMeta(meta).setCommandId(commandMeta.getEventId())
                .setCommand(command.getClass().getSimpleName()).setOutcome(CommandOutcome.SUCCEEDED)
                .setRetriable(false).setError(null).setOutputs(new HashMap<>(outputs)).build();
    }

    public static EventMetadata metaOf(SpecificRecord record) {
        try {
            Method getMeta = record.getClass().getMethod("getMeta");
            return (EventMetadata) getMeta.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(record.getClass().getSimpleName() + " has no meta", e);
        }
    }

    /** What the executing services would answer: ids of the things they created. */
    public static Map<String, String> outputsFor(SpecificRecord command, String replacementAddress) {
        if (command instanceof CorroborateFailure) {
            return Map.of("verdict", "confirmed", "evidence", "connection refused");
        }
        if (command instanceof SnapshotVolume) {
            return Map.of("snapshotId", "snap-0123");
        }
        if (command instanceof CreateVolumeFromSnapshot) {
            return Map.of("volumeId", "vol-new");
        }
        if (command instanceof RunInstance run) {
            return Map.of("instanceId", "i-replacement", "privateAddress", replacementAddress,
                    "availabilityZone", run.getAvailabilityZone());
        }
        return Map.of();
    }
}
