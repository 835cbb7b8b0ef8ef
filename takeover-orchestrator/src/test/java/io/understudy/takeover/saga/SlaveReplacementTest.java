package io.understudy.takeover.saga;

import io.understudy.takeover.saga.Action.ConfigureProxy;
import io.understudy.takeover.saga.Action.RunInstance;
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
    void aFailedSlaveIsTakenOutOfTheProxyWhileItsReplacementBoots() {
        Decision decision = run.apply(failed("health-7", "i-s2", 1));

        assertThat(decision.events()).containsExactly(
                new Event.TakeoverStarted(meta(TK + "/started", TK, "health-7", 1), Takeover.Kind.SLAVE_REPLACEMENT,
                        "i-s2", null, "3 probes failed"),
                new Event.StepStarted(meta(cmd("detach") + "/started", TK, "health-7", 1), "detach", 1, cmd("detach")),
                new Event.StepStarted(meta(cmd("replacement") + "/started", TK, "health-7", 1), "replacement", 1, cmd("replacement")));
        assertThat(decision.commands()).containsExactly(
                new Command(meta(cmd("detach"), TK, "health-7", 1),
                        new ConfigureProxy("i-m1", "127.20.1.10", List.of(server(MASTER), server(SLAVE_A)))),
                new Command(meta(cmd("replacement"), TK, "health-7", 1),
                        new RunInstance(IMAGE, STACK, "us-east-1b", "subnet-b", Instance.Role.APP_SLAVE)));
        assertThat(decision.state().instance("i-s2").orElseThrow().status()).isEqualTo(Instance.Status.FAILED);
        assertThat(decision.state().takeover().steps()).extracting(StepProgress::step)
                .containsExactly("detach", "replacement", "rejoin");
    }

    @Test
    void theReplacementRejoinsOnlyOnceTheFailedSlaveIsOut() {
        run.apply(failed("health-7", "i-s2", 1));

        Decision replacement = run.apply(succeeded(cmd("replacement"), 2, REPLACEMENT));
        assertThat(replacement.commands()).isEmpty();

        Decision detach = run.apply(succeeded(cmd("detach"), 3, Map.of()));
        assertThat(detach.commands()).containsExactly(new Command(meta(cmd("rejoin"), TK, "result:" + cmd("detach"), 3),
                new ConfigureProxy("i-m1", "127.20.1.10",
                        List.of(server(MASTER), server(SLAVE_A), server("i-new", "127.20.2.30")))));
    }

    @Test
    void completionLeavesTheFailedSlaveFailedAndTheReplacementRunning() {
        run.apply(failed("health-7", "i-s2", 1));
        run.apply(succeeded(cmd("detach"), 2, Map.of()));
        run.apply(succeeded(cmd("replacement"), 3, REPLACEMENT));

        Decision rejoin = run.apply(succeeded(cmd("rejoin"), 4, Map.of()));

        assertThat(rejoin.events()).last().isEqualTo(new Event.TakeoverCompleted(
                meta(TK + "/completed", TK, "result:" + cmd("rejoin"), 4), Takeover.Kind.SLAVE_REPLACEMENT, at(1), null, "i-new"));
        assertThat(rejoin.state().takeover()).isNull();
        assertThat(rejoin.state().instances()).containsExactly(MASTER, SLAVE_B.withStatus(Instance.Status.FAILED), SLAVE_A,
                UTILITY, new Instance("i-new", Instance.Role.APP_SLAVE, "127.20.2.30", "us-east-1b", STACK, IMAGE, null,
                        Instance.Status.RUNNING));
        assertThat(rejoin.state().capacityDegraded()).isFalse();
    }

    @Test
    void withoutARunningMasterOnlyTheReplacementBoots() {
        Run masterless = new Run(topology(1, MASTER.withStatus(Instance.Status.FENCED), SLAVE_B, SLAVE_A));

        Decision decision = masterless.apply(failed("health-7", "i-s2", 1));

        assertThat(decision.commands()).extracting(Command::action)
                .containsExactly(new RunInstance(IMAGE, STACK, "us-east-1b", "subnet-b", Instance.Role.APP_SLAVE));
        assertThat(decision.state().takeover().steps()).extracting(StepProgress::step).containsExactly("replacement");
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
        assertThat(pilot.run.state.takeover()).isNull();
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
