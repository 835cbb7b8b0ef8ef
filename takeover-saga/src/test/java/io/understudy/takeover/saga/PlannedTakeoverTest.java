package io.understudy.takeover.saga;

import io.understudy.takeover.saga.Action.ConfigureProxy;
import io.understudy.takeover.saga.Action.StopInstance;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Predicate;

import static io.understudy.takeover.saga.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The master handed over on purpose: the same saga, with a graceful stop instead of a forced fence. */
class PlannedTakeoverTest {
    private static final String TK = TakeoverIds.takeover(ENV, "op-7");

    private static final Predicate<Command> ATTACH_OF_ANY_CANDIDATE = c -> c.id().split("/").length == 3
            && c.id().split("/")[1].split("@")[0].equals("attach");

    private final Run run = new Run(standardTopology());

    private static Input.PlannedTakeover planned(String instance, String to) {
        return new Input.PlannedTakeover("op-7", at(1), instance, to, "scheduled retirement");
    }

    @Test
    void theMasterIsStoppedGracefullyAndLeftOutOfTheCandidatesProxy() {
        Decision decision = run.apply(planned("i-m1", null));

        assertThat(decision.events()).first().isEqualTo(new Event.TakeoverStarted(meta(TK + "/started", TK, "op-7", 1),
                Takeover.Kind.PLANNED_TAKEOVER, "i-m1", "i-s1", "scheduled retirement"));
        assertThat(decision.commands()).extracting(Command::action).containsExactly(
                new StopInstance("i-m1", false),
                new ConfigureProxy("i-s1", "127.20.1.12", List.of(server(SLAVE_A), server(SLAVE_B))));
        assertThat(run.state.instance("i-m1").orElseThrow().status()).as("still serving until stopped")
                .isEqualTo(Instance.Status.RUNNING);
    }

    @Test
    void theOperatorMayNameTheCandidate() {
        Decision decision = run.apply(planned("i-m1", "i-s2"));

        assertThat(Fixtures.inFlight(run.state).candidateInstanceId()).isEqualTo("i-s2");
        assertThat(decision.commands()).extracting(Command::action)
                .contains(new ConfigureProxy("i-s2", "127.20.2.11", List.of(server(SLAVE_B), server(SLAVE_A))));
    }

    @Test
    void aCandidateThatCannotTakeOverIsRefused() {
        Decision decision = run.apply(planned("i-m1", "i-u1"));

        assertThat(decision.commands()).isEmpty();
        assertThat(decision.events()).first().isEqualTo(new Event.TakeoverFailed(meta(TK + "/failed", TK, "op-7", 1),
                Takeover.Kind.PLANNED_TAKEOVER, at(1), "i-u1 is not a running app slave on stack version 2024.1"));
        assertThat(Fixtures.inFlight(run.state)).isNull();
    }

    @Test
    void onlyTheRunningMasterIsHandedOverAndOnlyWhenNoTakeoverRuns() {
        Environment before = run.state;
        assertThat(run.apply(planned("i-s2", null)).events()).isEmpty();
        assertThat(run.state).isEqualTo(before);

        run.apply(failed("health-1", "i-m1", 1));
        Environment during = run.state;
        assertThat(run.apply(planned("i-m1", null)).commands()).isEmpty();
        assertThat(run.state).isEqualTo(during);
    }

    @Test
    void itCompletesWithTheCandidateAsMaster() {
        Autopilot pilot = new Autopilot(standardTopology());

        pilot.apply(planned("i-m1", null)).until(Autopilot.ended());

        assertThat(pilot.events(Event.TakeoverCompleted.class)).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(Takeover.Kind.PLANNED_TAKEOVER);
            assertThat(c.newMasterInstanceId()).isEqualTo("i-s1");
        });
        assertThat(pilot.run.state.instance("i-m1").orElseThrow().status()).isEqualTo(Instance.Status.FENCED);
        assertThat(pilot.run.state.runningMaster().orElseThrow().id()).isEqualTo("i-s1");
    }

    @Test
    void whenNoCandidateCanTakeOverTheMasterRunsAgainBeforeTheTakeoverFails() {
        Autopilot pilot = new Autopilot(standardTopology()).answering(ATTACH_OF_ANY_CANDIDATE, Autopilot.Answer.FAIL_PERMANENTLY);

        pilot.apply(planned("i-m1", null)).until(Autopilot.ended());

        List<Action> undos = pilot.undos();
        assertThat(undos).as("the stop is undone once, after the last candidate's own steps")
                .filteredOn(a -> a instanceof Action.StartInstance).containsExactly(new Action.StartInstance("i-m1", Instance.Role.APP_MASTER));
        assertThat(undos.get(undos.size() - 1)).isEqualTo(new Action.StartInstance("i-m1", Instance.Role.APP_MASTER));
        assertThat(pilot.sent).extracting(Command::action).filteredOn(a -> a instanceof StopInstance).hasSize(1);
        assertThat(pilot.events(Event.TakeoverStarted.class)).as("both candidates tried").hasSize(2);
        assertThat(pilot.events(Event.TakeoverFailed.class)).hasSize(1);
        assertThat(pilot.run.state.instance("i-m1").orElseThrow().status()).isEqualTo(Instance.Status.RUNNING);
        assertThat(pilot.run.state.runningMaster().orElseThrow().id()).isEqualTo("i-m1");
    }

    @Test
    void aFailedMasterIsNeverStartedAgainWhenItsTakeoverFails() {
        Autopilot pilot = new Autopilot(standardTopology()).answering(ATTACH_OF_ANY_CANDIDATE, Autopilot.Answer.FAIL_PERMANENTLY);

        pilot.apply(failed("health-1", "i-m1", 1)).until(Autopilot.ended());

        assertThat(pilot.events(Event.TakeoverFailed.class)).hasSize(1);
        assertThat(pilot.sent).extracting(Command::action).noneMatch(a -> a instanceof Action.StartInstance);
        assertThat(pilot.run.state.instance("i-m1").orElseThrow().status()).isEqualTo(Instance.Status.FENCED);
    }
}
