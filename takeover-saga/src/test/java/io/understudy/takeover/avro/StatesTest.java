package io.understudy.takeover.avro;

import io.understudy.contract.EnvironmentState;
import io.understudy.contract.VolumeCreated;
import io.understudy.takeover.saga.Autopilot;
import io.understudy.takeover.saga.Environment;
import io.understudy.takeover.saga.Event;
import io.understudy.takeover.saga.Input;
import io.understudy.takeover.saga.Instance;
import io.understudy.takeover.saga.StepProgress;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The state store holds the saga's state as Avro: a takeover being undone must come back from it whole. */
class StatesTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private static Environment topology() {
        return Environment.registered("env-s", "2024.1", "ami-1", new Environment.ElasticIp("eipalloc-1", "198.51.100.7"), 2,
                "/dev/sdf", Map.of("us-east-1a", "subnet-a"), List.of(
                new Instance("i-m1", Instance.Role.APP_MASTER, "127.1.1.1", "us-east-1a", "2024.1", "ami-1", "vol-m", Instance.Status.RUNNING),
                new Instance("i-s1", Instance.Role.APP_SLAVE, "127.1.1.2", "us-east-1a", "2024.1", "ami-1", null, Instance.Status.RUNNING),
                new Instance("i-s2", Instance.Role.APP_SLAVE, "127.1.1.3", "us-east-1a", "2024.1", "ami-1", null, Instance.Status.RUNNING)),
                Environment.FormerMasterPolicy.TERMINATE, T0);
    }

    @Test
    void aTakeoverBeingUndoneSurvivesTheRoundTrip() {
        Autopilot pilot = new Autopilot(topology()).answering(c -> c.id().contains("/attach/") || c.id().contains("/undo/"),
                Autopilot.Answer.FAIL_RETRIABLY);
        pilot.apply(new Input.InstanceFailed("health-1", T0.plusSeconds(1), "i-m1", "down"))
                .until(events -> events.stream().anyMatch(e -> e instanceof Event.StepFailed f && f.commandId().contains("/undo/")));
        Environment state = pilot.run().state;
        assertThat(state.takeovers().get(0).abortReason()).isNotNull();
        assertThat(state.takeovers().get(0).steps()).anyMatch(s -> s.is(StepProgress.Status.COMPENSATING) && s.retryAt() != null);

        assertThat(States.fromAvro(States.toAvro(state))).isEqualTo(state);
    }

    @Test
    void theNextCandidatesRoundSurvivesTheRoundTrip() {
        Autopilot pilot = new Autopilot(topology()).answering(c -> c.id().endsWith("/proxy/1"), Autopilot.Answer.FAIL_PERMANENTLY);
        pilot.apply(new Input.InstanceFailed("health-1", T0.plusSeconds(1), "i-m1", "down"))
                .until(events -> events.stream().filter(e -> e instanceof Event.TakeoverStarted).count() == 2);
        Environment state = pilot.run().state;
        assertThat(state.takeovers().get(0).abandonedCandidates()).containsExactly("i-s1");

        assertThat(States.fromAvro(States.toAvro(state))).isEqualTo(state);
    }

    @Test
    void stateWrittenBeforeTypedOutputsReadsThemBackFromTheMap() {
        Autopilot pilot = new Autopilot(topology()).answering(c -> c.id().contains("/attach/"), Autopilot.Answer.NEVER);
        pilot.apply(new Input.InstanceFailed("health-1", T0.plusSeconds(1), "i-m1", "down"))
                .until(events -> events.stream().anyMatch(e -> e instanceof Event.StepStarted s && s.step().equals("attach")));
        Environment state = pilot.run().state;
        assertThat(state.takeovers().get(0).step("volume").orElseThrow().output()).isInstanceOf(VolumeCreated.class);

        EnvironmentState written = States.toAvro(state);
        // what a state of the schema before typed outputs reads as: no output beside the map
        written.getTakeovers().forEach(t -> t.getSteps().forEach(step -> step.setOutput(null)));

        assertThat(States.fromAvro(written)).isEqualTo(state);
    }
}
