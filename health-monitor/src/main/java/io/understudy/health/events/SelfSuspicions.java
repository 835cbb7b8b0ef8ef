package io.understudy.health.events;

import io.understudy.contract.ObserverSelfSuspicion;
import io.understudy.health.detection.SelfSuspicion;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** An observer's self-suspicion as the record told to each environment it watches. */
public final class SelfSuspicions {
    private SelfSuspicions() {
    }

    public static ObserverSelfSuspicion toRecord(SelfSuspicion.Change change, String environmentId, String observer, String zone) {
        return ObserverSelfSuspicion.newBuilder()
                .setMeta(Observations.meta(environmentId, change.at(), observer, eventId(change, environmentId, observer)))
                .setObserver(observer)
                .setObserverZone(zone)
                .setSuspectsItself(change.suspectsItself())
                .setWatched(change.watched())
                .setUnreachable(change.unreachable())
                .setReason(change.reason())
                .build();
    }

    /** Named after what it says (observer, environment, which change and when), as the quorum's event ids are after their cause. */
    private static String eventId(SelfSuspicion.Change change, String environmentId, String observer) {
        String cause = String.join("/", observer, environmentId, String.valueOf(change.suspectsItself()),
                String.valueOf(change.at().toEpochMilli()));
        return UUID.nameUUIDFromBytes(cause.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
