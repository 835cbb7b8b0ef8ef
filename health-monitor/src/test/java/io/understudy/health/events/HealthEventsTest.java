package io.understudy.health.events;

import io.understudy.contract.HealthObservation;
import io.understudy.contract.InstanceFailed;
import io.understudy.contract.InstanceFlapping;
import io.understudy.contract.InstanceRecovered;
import io.understudy.contract.InstanceSuspected;
import io.understudy.contract.ObserverVerdict;
import io.understudy.health.detection.InstanceRef;
import io.understudy.health.detection.Observation;
import io.understudy.health.quorum.HealthEvent;
import io.understudy.health.quorum.HealthEvent.Kind;
import io.understudy.health.quorum.Report;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HealthEventsTest {
    private static final InstanceRef MASTER = new InstanceRef("env-1", "i-master");
    private static final Instant AT = Instant.parse("2025-01-01T00:00:03Z");
    private static final Instant HEALTHY = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void a_failure_becomes_an_instance_failed_event_with_its_evidence_and_metadata() {
        HealthEvent failed = event(Kind.FAILED, Optional.of(HEALTHY));

        InstanceFailed event = (InstanceFailed) HealthEvents.toRecord(failed, "event-1", "replica-a");

        assertThat(event.getInstanceId()).isEqualTo("i-master");
        assertThat(event.getReason()).isEqualTo("2 of 3 observers suspect it");
        assertThat(event.getLastHealthyAt()).isEqualTo(HEALTHY);
        assertThat(event.getConsecutiveFailures()).isEqualTo(7);
        assertThat(event.getPhi()).isEqualTo(9.5);
        assertThat(event.getObserver()).isEqualTo("observer-b");
        assertThat(event.getAgreeingObservers()).containsExactly("observer-a", "observer-b");
        assertThat(event.getQuorum()).isEqualTo(2);
        assertThat(event.getMeta().getEventId()).isEqualTo("event-1");
        assertThat(event.getMeta().getEnvironmentId()).isEqualTo("env-1");
        assertThat(event.getMeta().getTakeoverId()).isNull();
        assertThat(event.getMeta().getCausationId()).isNull();
        assertThat(event.getMeta().getOccurredAt()).isEqualTo(AT);
        assertThat(event.getMeta().getProducer()).isEqualTo("health-monitor/replica-a");
    }

    @Test
    void suspicion_recovery_and_flapping_become_their_own_events() {
        assertThat(HealthEvents.toRecord(event(Kind.SUSPECTED, Optional.empty()), "e-1", "r"))
                .isInstanceOfSatisfying(InstanceSuspected.class, e -> assertThat(e.getLastHealthyAt()).isNull());
        assertThat(HealthEvents.toRecord(event(Kind.RECOVERED, Optional.of(HEALTHY)), "e-2", "r"))
                .isInstanceOfSatisfying(InstanceRecovered.class, e -> assertThat(e.getQuorum()).isEqualTo(2));
        assertThat(HealthEvents.toRecord(event(Kind.FLAPPING, Optional.of(HEALTHY)), "e-3", "r"))
                .isInstanceOfSatisfying(InstanceFlapping.class, e -> {
                    assertThat(e.getFlapping()).isTrue();
                    assertThat(e.getEpisodes()).isEqualTo(3);
                });
        assertThat(HealthEvents.toRecord(event(Kind.STEADY, Optional.of(HEALTHY)), "e-4", "r"))
                .isInstanceOfSatisfying(InstanceFlapping.class, e -> assertThat(e.getFlapping()).isFalse());
    }

    @Test
    void an_observation_travels_to_the_quorum_and_back_unchanged() {
        Observation observation = new Observation(MASTER, Observation.Verdict.SUSPECT, true, 3, 12.5,
                Optional.of(HEALTHY), 4, AT, "phi 12.5 >= 8.0");

        HealthObservation record = Observations.toRecord(observation, "observer-a", "e-1");

        assertThat(record.getMeta().getEnvironmentId()).isEqualTo("env-1");
        assertThat(Observations.toReport(record)).contains(new Report("observer-a", observation));
        assertThat(Observations.toReport(Observations.released(MASTER, "observer-a", "e-2", AT))).isEmpty();
        assertThat(Observations.released(MASTER, "observer-a", "e-2", AT).getVerdict()).isEqualTo(ObserverVerdict.RELEASED);
    }

    private static HealthEvent event(Kind kind, Optional<Instant> lastHealthy) {
        return new HealthEvent(kind, MASTER, AT, "2 of 3 observers suspect it", 9.5, lastHealthy, 7, 3,
                "observer-b", List.of("observer-a", "observer-b"), 2);
    }
}
