package io.understudy.health.events;

import io.understudy.contract.EventMetadata;
import io.understudy.contract.InstanceFailed;
import io.understudy.contract.InstanceFlapping;
import io.understudy.contract.InstanceRecovered;
import io.understudy.contract.InstanceSuspected;
import io.understudy.health.quorum.HealthEvent;
import org.apache.avro.specific.SpecificRecord;

/** The quorum's events as records of the contract. A detection has no cause on the log: causationId stays null. */
public final class HealthEvents {
    public static final String SERVICE = "health-monitor";

    private HealthEvents() {
    }

    /** @param replicaId the replica whose quorum task wrote the event (the deciding observer is in the event) */
    public static SpecificRecord toRecord(HealthEvent event, String eventId, String replicaId) {
        EventMetadata meta = EventMetadata.newBuilder()
                .setEventId(eventId)
                .setEnvironmentId(event.instance().environmentId())
                .setTakeoverId(null)
                .setCausationId(null)
                .setOccurredAt(event.at())
                .setProducer(SERVICE + "/" + replicaId)
                .build();
        String instanceId = event.instance().instanceId();
        return switch (event.kind()) {
            case SUSPECTED -> InstanceSuspected.newBuilder().setMeta(meta).setInstanceId(instanceId)
                    .setReason(event.reason()).setLastHealthyAt(event.lastHealthyAt().orElse(null))
                    .setConsecutiveFailures(event.consecutiveFailures()).setObserver(event.observer())
                    .setPhi(event.phi()).setAgreeingObservers(event.agreeingObservers()).setQuorum(event.quorum()).build();
            case FAILED -> InstanceFailed.newBuilder().setMeta(meta).setInstanceId(instanceId)
                    .setReason(event.reason()).setLastHealthyAt(event.lastHealthyAt().orElse(null))
                    .setConsecutiveFailures(event.consecutiveFailures()).setObserver(event.observer())
                    .setPhi(event.phi()).setAgreeingObservers(event.agreeingObservers()).setQuorum(event.quorum())
                    .setZones(event.zones()).setRepeated(event.repeated()).build();
            case RECOVERED -> InstanceRecovered.newBuilder().setMeta(meta).setInstanceId(instanceId)
                    .setReason(event.reason()).setLastHealthyAt(event.lastHealthyAt().orElse(null))
                    .setConsecutiveFailures(event.consecutiveFailures()).setObserver(event.observer())
                    .setPhi(event.phi()).setAgreeingObservers(event.agreeingObservers()).setQuorum(event.quorum()).build();
            case FLAPPING, STEADY -> InstanceFlapping.newBuilder().setMeta(meta).setInstanceId(instanceId)
                    .setFlapping(event.kind() == HealthEvent.Kind.FLAPPING).setReason(event.reason())
                    .setEpisodes(event.episodes()).setLastHealthyAt(event.lastHealthyAt().orElse(null))
                    .setPhi(event.phi()).setObserver(event.observer()).setAgreeingObservers(event.agreeingObservers())
                    .setQuorum(event.quorum()).build();
        };
    }
}
