package io.understudy.health.events;

import io.understudy.contract.EventMetadata;
import io.understudy.contract.HealthObservation;
import io.understudy.contract.ObserverVerdict;
import io.understudy.health.detection.InstanceRef;
import io.understudy.health.detection.Observation;
import io.understudy.health.quorum.Report;

import java.time.Instant;
import java.util.Optional;

/** One observer's observations as records of the observations topic, and back. */
public final class Observations {
    private Observations() {
    }

    /** @param zone the observer's availability zone; empty when unknown */
    public static HealthObservation toRecord(Observation observation, String observer, String zone, String eventId) {
        return HealthObservation.newBuilder()
                .setMeta(meta(observation.instance().environmentId(), observation.at(), observer, eventId))
                .setInstanceId(observation.instance().instanceId())
                .setObserver(observer)
                .setObserverZone(zone)
                .setVerdict(ObserverVerdict.valueOf(observation.verdict().name()))
                .setFlapping(observation.flapping())
                .setEpisodes(observation.episodes())
                .setPhi(observation.phi())
                .setLastHealthyAt(observation.lastHealthyAt().orElse(null))
                .setConsecutiveFailures(observation.consecutiveFailures())
                .setReason(observation.reason())
                .build();
    }

    /** This observer no longer watches the instance (it left the environment, or its partition moved). */
    public static HealthObservation released(InstanceRef instance, String observer, String zone, String eventId, Instant at) {
        return HealthObservation.newBuilder()
                .setMeta(meta(instance.environmentId(), at, observer, eventId))
                .setInstanceId(instance.instanceId())
                .setObserver(observer)
                .setObserverZone(zone)
                .setVerdict(ObserverVerdict.RELEASED)
                .setReason("no longer watched by " + observer)
                .build();
    }

    /** @return empty for a release or a verdict this version does not know, which count as no report */
    public static Optional<Report> toReport(HealthObservation record) {
        ObserverVerdict verdict = record.getVerdict();
        if (verdict == ObserverVerdict.RELEASED || verdict == ObserverVerdict.UNKNOWN) {
            return Optional.empty();
        }
        InstanceRef instance = new InstanceRef(record.getMeta().getEnvironmentId(), record.getInstanceId());
        Observation observation = new Observation(instance, Observation.Verdict.valueOf(verdict.name()),
                record.getFlapping(), record.getEpisodes(), record.getPhi(),
                Optional.ofNullable(record.getLastHealthyAt()), record.getConsecutiveFailures(),
                record.getMeta().getOccurredAt(), record.getReason());
        return Optional.of(new Report(record.getObserver(), record.getObserverZone(), observation));
    }

    /** What every record an observer writes carries; the quorum's events say which replica wrote them instead. */
    static EventMetadata meta(String environmentId, Instant at, String observer, String eventId) {
        return EventMetadata.newBuilder()
                .setEventId(eventId)
                .setEnvironmentId(environmentId)
                .setTakeoverId(null)
                .setCausationId(null)
                .setOccurredAt(at)
                .setProducer(HealthEvents.SERVICE + "/" + observer)
                .build();
    }
}
