package io.understudy.takeover.saga;

import io.understudy.takeover.saga.Action.ConfigureProxy;
import io.understudy.takeover.saga.Action.CorroborateFailure;
import io.understudy.takeover.saga.Action.RunInstance;
import io.understudy.takeover.saga.Action.StopInstance;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.understudy.takeover.saga.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class SlaveReplacementTest {
    private static final String TK = TakeoverIds.takeover(ENV, "health-7");
    private static final Map<String, String> REPLACEMENT = Map.of(
            "instanceId", "i-new", "privateAddress", "127.20.2.30", "availabilityZone", "us-east-1b");

    private final Run run = new Run(standardTopology());

    private static String cmd(String step) {
        return TK + "/" + step + "/1";
    }

    @Test
    void aFailedSlaveGetsASecondOpinionFirst() {
        Decision decision = run.apply(failed("health-7", "i-s2", 1));

        assertThat(decision.events()).containsExactly(
                new Event.TakeoverStarted(meta(TK + "/started", TK, "health-7", 1), Takeover.Kind.SLAVE_REPLACEMENT,
                        "i-s2", null, "3 probes failed"),
                new Event.StepStarted(meta(cmd("corroborate") + "/started", TK, "health-7", 1), "corroborate", 1, cmd("corroborate")));
        assertThat(decision.commands()).containsExactly(
                new Command(meta(cmd("corroborate"), TK, "health-7", 1), new CorroborateFailure("i-s2", "127.20.2.11")));
        assertThat(decision.state().instance("i-s2").orElseThrow().status()).isEqualTo(Instance.Status.FAILED);
        assertThat(Fixtures.inFlight(decision.state()).steps()).extracting(StepProgress::step)
                .containsExactly("corroborate", "fence", "detach", "replacement", "rejoin");
    }

    @Test
    void aConfirmedSlaveFailureIsFencedTakenOutOfTheProxyAndReplacedInParallel() {
        run.apply(failed("health-7", "i-s2", 1));

        Decision decision = run.apply(confirmed(cmd("corroborate"), 2));

        String cause = "result:" + cmd("corroborate");
        assertThat(decision.commands()).containsExactly(
                new Command(meta(cmd("fence"), TK, cause, 2), new StopInstance("i-s2", true)),
                new Command(meta(cmd("detach"), TK, cause, 2),
                        new ConfigureProxy("i-m1", "127.20.1.10", List.of(server(MASTER), server(SLAVE_A)))),
                new Command(meta(cmd("replacement"), TK, cause, 2),
                        new RunInstance(IMAGE, STACK, "us-east-1b", "subnet-b", Instance.Role.APP_SLAVE)));
    }

    @Test
    void theReplacementRejoinsOnlyOnceTheFailedSlaveIsOut() {
        run.apply(failed("health-7", "i-s2", 1));
        run.apply(confirmed(cmd("corroborate"), 1));

        Decision replacement = run.apply(succeeded(cmd("replacement"), 2, REPLACEMENT));
        assertThat(replacement.commands()).isEmpty();

        Decision detach = run.apply(succeeded(cmd("detach"), 3, Map.of()));
        assertThat(detach.commands()).containsExactly(new Command(meta(cmd("rejoin"), TK, "result:" + cmd("detach"), 3),
                new ConfigureProxy("i-m1", "127.20.1.10",
                        List.of(server(MASTER), server(SLAVE_A), server("i-new", "127.20.2.30")))));
    }

    @Test
    void completionLeavesTheFailedSlaveFencedAndTheReplacementRunning() {
        run.apply(failed("health-7", "i-s2", 1));
        run.apply(confirmed(cmd("corroborate"), 1));
        run.apply(succeeded(cmd("fence"), 2, Map.of()));
        run.apply(succeeded(cmd("detach"), 2, Map.of()));
        run.apply(succeeded(cmd("replacement"), 3, REPLACEMENT));

        Decision rejoin = run.apply(succeeded(cmd("rejoin"), 4, Map.of()));

        assertThat(rejoin.events()).last().isEqualTo(new Event.TakeoverCompleted(
                meta(TK + "/completed", TK, "result:" + cmd("rejoin"), 4), Takeover.Kind.SLAVE_REPLACEMENT, at(1), null, "i-new"));
        assertThat(Fixtures.inFlight(rejoin.state())).isNull();
        assertThat(rejoin.state().instances()).containsExactly(MASTER, SLAVE_B.withStatus(Instance.Status.FENCED), SLAVE_A,
                UTILITY, new Instance("i-new", Instance.Role.APP_SLAVE, "127.20.2.30", "us-east-1b", STACK, IMAGE, null,
                        Instance.Status.RUNNING));
        assertThat(rejoin.state().capacityDegraded()).isFalse();
    }

    @Test
    void underTheTerminatePolicyTheFencedSlaveIsTerminatedOnceItsReplacementServes() {
        Autopilot pilot = new Autopilot(withPolicy(standardTopology(), Environment.FormerMasterPolicy.TERMINATE));

        pilot.apply(failed("health-7", "i-s2", 1)).until(Autopilot.ended());

        assertThat(pilot.sent).extracting(Command::action).last().isEqualTo(new Action.TerminateInstance("i-s2"));
        assertThat(pilot.run.state.instance("i-s2").orElseThrow().status()).isEqualTo(Instance.Status.TERMINATED);
        assertThat(pilot.events(Event.TakeoverCompleted.class)).hasSize(1);
    }

    @Test
    void aFenceThatFailsForGoodIsSkippedAndTheReplacementStillJoins() {
        Autopilot pilot = new Autopilot(standardTopology()).answering(Autopilot.step("fence"), Autopilot.Answer.FAIL_PERMANENTLY);

        pilot.apply(failed("health-7", "i-s2", 1)).until(Autopilot.ended());

        assertThat(pilot.events(Event.StepSkipped.class)).singleElement().satisfies(s -> {
            assertThat(s.step()).isEqualTo("fence");
            assertThat(s.reason()).contains("refused by the test");
        });
        assertThat(pilot.events(Event.TakeoverCompleted.class)).singleElement()
                .satisfies(c -> assertThat(c.replacementInstanceId()).isEqualTo("i-new"));
    }

    @Test
    void withoutARunningMasterTheHaproxyStepsAreSkippedAndTheReplacementStillBoots() {
        Run masterless = new Run(topology(1, MASTER.withStatus(Instance.Status.FENCED), SLAVE_B, SLAVE_A));
        masterless.apply(failed("health-7", "i-s2", 1));

        Decision decision = masterless.apply(confirmed(cmd("corroborate"), 2));

        assertThat(decision.commands()).extracting(Command::action).containsExactly(new StopInstance("i-s2", true),
                new RunInstance(IMAGE, STACK, "us-east-1b", "subnet-b", Instance.Role.APP_SLAVE));
        assertThat(decision.events()).filteredOn(e -> e instanceof Event.StepSkipped).extracting(e -> ((Event.StepSkipped) e).step())
                .containsExactly("detach");
        Decision booted = masterless.apply(succeeded(cmd("replacement"), 3, REPLACEMENT));
        assertThat(booted.events()).filteredOn(e -> e instanceof Event.StepSkipped).extracting(e -> ((Event.StepSkipped) e).step())
                .containsExactly("rejoin");
    }

    @Test
    void aReplacementThatCannotBootEndsTheReplacementAsFailedWithNothingToUndo() {
        Autopilot pilot = new Autopilot(standardTopology())
                .answering(Autopilot.step("replacement"), Autopilot.Answer.FAIL_PERMANENTLY);

        pilot.apply(failed("health-7", "i-s2", 1)).until(Autopilot.ended());

        assertThat(pilot.undos()).isEmpty();
        assertThat(pilot.events(Event.TakeoverFailed.class)).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Takeover.Kind.SLAVE_REPLACEMENT);
            assertThat(f.reason()).isEqualTo("step replacement failed: refused by the test");
        });
        assertThat(pilot.events(Event.CapacityDegraded.class)).hasSize(1);
        assertThat(Fixtures.inFlight(pilot.run.state)).isNull();
    }

    @Test
    void aReplacementThatTimesOutIsTriedThreeTimes() {
        Autopilot pilot = new Autopilot(standardTopology())
                .answering(Autopilot.step("replacement"), Autopilot.Answer.NEVER);

        pilot.apply(failed("health-7", "i-s2", 1)).until(Autopilot.ended());

        assertThat(pilot.sent).filteredOn(c -> c.action() instanceof RunInstance).extracting(Command::id)
                .containsExactly(TK + "/replacement/1", TK + "/replacement/2", TK + "/replacement/3");
        assertThat(pilot.events(Event.TakeoverFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo("step replacement failed: no result within PT15M"));
    }
}
