package io.understudy.takeover.saga;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.understudy.takeover.saga.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** A forced fence needs a second opinion: a failure refuted from another vantage fences nothing. */
class SecondOpinionTest {
    private static final String TK = TakeoverIds.takeover(ENV, "health-1");
    private static final Map<String, String> REFUTED = Map.of("verdict", "refuted", "evidence", "200 from /health");

    @Test
    void aRefutedMasterFailureIsWithdrawnWithoutFencingAndTheCandidatesProxyIsPutBack() {
        Run run = new Run(standardTopology());
        run.apply(failed("health-1", "i-m1", 1));
        run.apply(succeeded(TK + "/proxy/1", 2, Map.of("previousServers", "i-s1")));

        Decision refuted = run.apply(succeeded(TK + "/corroborate/1", 3, REFUTED));

        assertThat(refuted.commands()).extracting(Command::action).containsExactly(
                new Action.ConfigureProxy("i-s1", "127.20.1.12", List.of(server(SLAVE_A))));
        assertThat(refuted.state().instance("i-m1").orElseThrow().status()).isEqualTo(Instance.Status.RUNNING);
        Decision restored = run.apply(succeeded(TK + "/proxy/1/undo/1", 4, Map.of()));
        assertThat(restored.events()).filteredOn(e -> e instanceof Event.TakeoverFailed).singleElement()
                .satisfies(e -> assertThat(((Event.TakeoverFailed) e).reason())
                        .isEqualTo("the failure of i-m1 was refuted by a second opinion: 200 from /health"));
        assertThat(restored.events()).noneMatch(e -> e instanceof Event.TakeoverStarted);
        assertThat(restored.state().takeovers()).isEmpty();
        assertThat(restored.state().deferred()).as("a running master is not tried again").isEmpty();
        assertThat(restored.state().runningMaster()).contains(MASTER);
    }

    @Test
    void nothingIsEverStoppedWhenTheSecondOpinionRefutes() {
        SimulatedCloud cloud = new SimulatedCloud(standardTopology());

        // the monitor says the master failed, but it answers from the second vantage: nobody killed it
        cloud.apply(failed("health-1", "i-m1", 1)).settle();

        assertThat(cloud.sent).extracting(Command::action).noneMatch(a -> a instanceof Action.StopInstance);
        assertThat(cloud.sent).extracting(Command::action).noneMatch(a -> a instanceof Action.AssociateAddress);
        assertThat(cloud.events(Event.TakeoverFailed.class)).hasSize(1);
        assertThat(cloud.master()).contains(MASTER);
        assertThat(cloud.addressHolder).isEqualTo("i-m1");
    }

    @Test
    void aRefutedSlaveFailureLeavesTheSlaveRunning() {
        SimulatedCloud cloud = new SimulatedCloud(standardTopology());

        cloud.apply(failed("health-1", "i-s2", 1)).settle();

        assertThat(cloud.sent).extracting(Command::action).noneMatch(a -> a instanceof Action.StopInstance
                || a instanceof Action.RunInstance);
        assertThat(cloud.run.state.instance("i-s2").orElseThrow().status()).isEqualTo(Instance.Status.RUNNING);
    }

    @Test
    void aPlannedTakeoverNeedsNoSecondOpinion() {
        Run run = new Run(standardTopology());

        Decision planned = run.apply(new Input.PlannedTakeover("op-1", at(1), "i-m1", null, "maintenance"));

        assertThat(planned.commands()).extracting(Command::action)
                .noneMatch(a -> a instanceof Action.CorroborateFailure)
                .contains(new Action.StopInstance("i-m1", false));
    }
}
