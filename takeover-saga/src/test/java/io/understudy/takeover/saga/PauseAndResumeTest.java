package io.understudy.takeover.saga;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.understudy.takeover.saga.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** A paused environment is watched, not acted on; resumed, it acts on what is still true. */
class PauseAndResumeTest {
    private static final String TK = TakeoverIds.takeover(ENV, "health-1");

    private final Run run = new Run(standardTopology());

    private static Input.PauseChanged pause(int second) {
        return new Input.PauseChanged("op-pause-" + second, at(second), true, "maintenance window", "operator-cli:alice");
    }

    private static Input.PauseChanged resume(int second) {
        return new Input.PauseChanged("op-resume-" + second, at(second), false, null, "operator-cli:bob");
    }

    @Test
    void pausingSaysSoAndRecordsWhoAndWhy() {
        Decision paused = run.apply(pause(1));

        assertThat(paused.events()).containsExactly(new Event.EnvironmentPaused(
                new Meta("op-pause-1/paused", ENV, null, "op-pause-1", at(1)), "maintenance window", "operator-cli:alice"));
        assertThat(paused.state().pause()).isEqualTo(new Environment.Pause(at(1), "maintenance window", "operator-cli:alice"));
        assertThat(run.apply(pause(2)).events()).as("pausing a paused environment").isEmpty();
    }

    @Test
    void aFailureWhilePausedIsRecordedAndNothingIsSent() {
        run.apply(pause(1));

        Decision failure = run.apply(failed("health-1", "i-m1", 2));

        assertThat(failure.commands()).isEmpty();
        assertThat(failure.events()).isEmpty();
        assertThat(failure.state().instance("i-m1").orElseThrow().status()).isEqualTo(Instance.Status.FAILED);
        assertThat(failure.state().takeovers()).isEmpty();
        assertThat(run.apply(tick(3600)).commands()).as("time passing while paused").isEmpty();
    }

    @Test
    void onResumeAFailureStillRecordedIsTakenOver() {
        run.apply(pause(1));
        run.apply(failed("health-1", "i-m1", 2));

        Decision resumed = run.apply(resume(60));

        assertThat(resumed.events()).first().isEqualTo(new Event.EnvironmentResumed(
                new Meta("op-resume-60/resumed", ENV, null, "op-resume-60", at(60)), "", "operator-cli:bob", Duration.ofSeconds(59)));
        assertThat(resumed.events()).anySatisfy(e -> assertThat(e).isInstanceOf(Event.TakeoverStarted.class));
        assertThat(resumed.commands()).extracting(Command::action)
                .contains(new Action.CorroborateFailure("i-m1", "127.20.1.10"));
        assertThat(Fixtures.inFlight(resumed.state()).failedInstanceId()).isEqualTo("i-m1");
    }

    @Test
    void aFailureThatRecoveredWhilePausedIsNotActedOn() {
        run.apply(pause(1));
        run.apply(failed("health-1", "i-s2", 2));
        run.apply(new Input.HealthNotice("health-2", at(30), "i-s2", Saga.RECOVERED));
        assertThat(run.state.instance("i-s2").orElseThrow().status()).isEqualTo(Instance.Status.RUNNING);

        Decision resumed = run.apply(resume(60));

        assertThat(resumed.commands()).isEmpty();
        assertThat(resumed.state().takeovers()).isEmpty();
    }

    @Test
    void aTakeoverPausedMidwayHoldsAndGoesOnWhenResumed() {
        run.apply(failed("health-1", "i-m1", 1));
        run.apply(confirmed(TK + "/corroborate/1", 1));
        run.apply(pause(2));

        Decision fenced = run.apply(succeeded(TK + "/fence/1", 3, Map.of()));
        assertThat(fenced.commands()).as("the snapshot waits while paused").isEmpty();
        assertThat(fenced.state().instance("i-m1").orElseThrow().status()).as("what was sent settles")
                .isEqualTo(Instance.Status.FENCED);

        Decision resumed = run.apply(resume(4));
        assertThat(resumed.commands()).extracting(Command::id).containsExactly(TK + "/snapshot/1");
    }

    @Test
    void aPlannedTakeoverIsNotStartedWhilePaused() {
        run.apply(pause(1));

        Decision planned = run.apply(new Input.PlannedTakeover("op-2", at(2), "i-m1", null, "move"));

        assertThat(planned.commands()).isEmpty();
        assertThat(planned.state().takeovers()).isEmpty();
    }

    @Test
    void aRegistrationKeepsThePause() {
        run.apply(pause(1));

        run.register(registered("op-3", 2, topology(3, MASTER, SLAVE_B, SLAVE_A)));

        assertThat(run.state.paused()).isTrue();
        assertThat(run.state.requiredCapacity()).isEqualTo(3);
    }
}
