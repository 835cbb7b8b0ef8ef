package io.understudy.health.events;

import io.understudy.contract.HealthObservation;
import io.understudy.contract.InstanceFailed;
import io.understudy.contract.InstanceFlapping;
import io.understudy.contract.InstanceRecovered;
import io.understudy.contract.InstanceSuspected;
import io.understudy.contract.ObserverSelfSuspicion;
import io.understudy.contract.ObserverVerdict;
import io.understudy.health.detection.InstanceRef;
import io.understudy.health.detection.Observation;
import io.understudy.health.detection.SelfSuspicion;
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
        assertThat(event.getZones()).containsExactly("us-east-1a", "us-east-1b");
        assertThat(event.getRepeated()).isFalse();
        assertThat(event.getMeta().getEventId()).isEqualTo("event-1");
        assertThat(event.getMeta().getEnvironmentId()).isEqualTo("env-1");
        assertThat(event.getMeta().getTakeoverId()).isNull();
        assertThat(event.getMeta().getCausationId()).isNull();
        assertThat(event.getMeta().getOccurredAt()).isEqualTo(AT);
        assertThat(event.getMeta().getProducer()).isEqualTo("health-monitor/replica-a");
    }

    @Test
    void a_failure_said_again_is_marked_repeated() {
        HealthEvent again = new HealthEvent(Kind.FAILED, MASTER, AT, "still 2 of 3 observers suspect it", 9.5,
                Optional.of(HEALTHY), 70, 3, "observer-b", List.of("observer-a", "observer-b"), 2, List.of(), true);

        InstanceFailed event = (InstanceFailed) HealthEvents.toRecord(again, "event-2", "replica-a");

        assertThat(event.getRepeated()).isTrue();
        assertThat(event.getZones()).isEmpty();
    }

    @Test
    void a_self_suspicion_is_told_to_an_environment_with_the_observer_and_what_it_sees() {
        SelfSuspicion.Change change = new SelfSuspicion.Change(true, 6, 5, AT, "lost sight of 5 of 6");

        ObserverSelfSuspicion record = SelfSuspicions.toRecord(change, "env-1", "observer-a", "us-east-1a");
        ObserverSelfSuspicion again = SelfSuspicions.toRecord(change, "env-1", "observer-a", "us-east-1a");
        ObserverSelfSuspicion elsewhere = SelfSuspicions.toRecord(change, "env-2", "observer-a", "us-east-1a");

        assertThat(record.getSuspectsItself()).isTrue();
        assertThat(record.getWatched()).isEqualTo(6);
        assertThat(record.getUnreachable()).isEqualTo(5);
        assertThat(record.getObserver()).isEqualTo("observer-a");
        assertThat(record.getObserverZone()).isEqualTo("us-east-1a");
        assertThat(record.getReason()).isEqualTo("lost sight of 5 of 6");
        assertThat(record.getMeta().getEnvironmentId()).isEqualTo("env-1");
        assertThat(record.getMeta().getOccurredAt()).isEqualTo(AT);
        assertThat(record.getMeta().getProducer()).isEqualTo("health-monitor/observer-a");
        assertThat(record.getMeta().getCausationId()).isNull();
        assertThat(again.getMeta().getEventId()).isEqualTo(record.getMeta().getEventId());
        assertThat(elsewhere.getMeta().getEventId()).isNotEqualTo(record.getMeta().getEventId());
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

        HealthObservation record = Observations.toRecord(observation, "observer-a", "us-east-1a", "e-1");

        assertThat(record.getMeta().getEnvironmentId()).isEqualTo("env-1");
        assertThat(record.getObserverZone()).isEqualTo("us-east-1a");
        assertThat(Observations.toReport(record)).contains(new Report("observer-a", "us-east-1a", observation));
        assertThat(Observations.toReport(Observations.released(MASTER, "observer-a", "", "e-2", AT))).isEmpty();
        assertThat(Observations.released(MASTER, "observer-a", "", "e-2", AT).getVerdict()).isEqualTo(ObserverVerdict.RELEASED);
    }

    @Test
    void an_abstention_travels_to_the_quorum_as_an_abstention() {
        Observation abstention = new Observation(MASTER, Observation.Verdict.ABSTAIN, false, 1, 9.1,
                Optional.of(HEALTHY), 4, AT, "abstains");

        HealthObservation record = Observations.toRecord(abstention, "observer-a", "", "e-3");

        assertThat(record.getVerdict()).isEqualTo(ObserverVerdict.ABSTAIN);
        assertThat(Observations.toReport(record)).contains(new Report("observer-a", abstention));
    }

    private static HealthEvent event(Kind kind, Optional<Instant> lastHealthy) {
        return new HealthEvent(kind, MASTER, AT, "2 of 3 observers suspect it", 9.5, lastHealthy, 7, 3,
                "observer-b", List.of("observer-a", "observer-b"), 2, List.of("us-east-1a", "us-east-1b"), false);
    }
}
