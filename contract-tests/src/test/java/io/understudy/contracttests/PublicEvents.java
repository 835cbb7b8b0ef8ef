package io.understudy.contracttests;

import io.understudy.contract.CapacityDegraded;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.TakeoverCompleted;
import io.understudy.contract.TakeoverFailed;
import io.understudy.contract.TakeoverKind;
import io.understudy.contract.TakeoverStarted;
import io.understudy.contract.TakeoverStepCompensated;
import io.understudy.contract.TakeoverStepFailed;
import io.understudy.contract.TakeoverStepStarted;
import io.understudy.contract.TakeoverStepSucceeded;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One event of every public type, with the values test_subscriber.py expects: the two sides agree on these
 * values and on nothing else.
 */
final class PublicEvents {
    static final Instant STARTED = Instant.parse("2026-11-29T10:00:00.250Z");
    static final String TAKEOVER = "tk-interop";

    private PublicEvents() {
    }

    static List<SpecificRecord> oneOfEach(String environment) {
        return List.of(
                new TakeoverStarted(meta(environment, "started", 0), TakeoverKind.MASTER_TAKEOVER, "i-master", "i-slave-1",
                        "3 of 3 observers suspect i-master"),
                new TakeoverStepStarted(meta(environment, "volume-started", 1), "volume", 1, TAKEOVER + "/volume/1"),
                new TakeoverStepFailed(meta(environment, "volume-failed", 2), "volume", 1, TAKEOVER + "/volume/1",
                        STARTED.plusMillis(1), "InsufficientVolumeCapacity", true),
                new TakeoverStepSucceeded(meta(environment, "volume-succeeded", 3), "volume", 2, TAKEOVER + "/volume/2",
                        STARTED.plusMillis(2), Map.of("volumeId", "vol-1")),
                new TakeoverStepCompensated(meta(environment, "volume-compensated", 4), "volume", TAKEOVER + "/volume/2",
                        STARTED.plusMillis(3)),
                new TakeoverFailed(meta(environment, "failed", 5), TakeoverKind.MASTER_TAKEOVER, STARTED,
                        "no healthy app slave on stack version 2026.11"),
                new TakeoverCompleted(meta(environment, "completed", 6), TakeoverKind.SLAVE_REPLACEMENT, STARTED,
                        null, "i-replacement"),
                new CapacityDegraded(meta(environment, "capacity", 7), 4, 3));
    }

    private static EventMetadata meta(String environment, String event, int millis) {
        return EventMetadata.newBuilder().setEventId(TAKEOVER + "/" + event).setEnvironmentId(environment)
                .setTakeoverId(TAKEOVER).setCausationId("health-1").setOccurredAt(STARTED.plusMillis(millis))
                .setProducer("contract-tests").build();
    }
}
