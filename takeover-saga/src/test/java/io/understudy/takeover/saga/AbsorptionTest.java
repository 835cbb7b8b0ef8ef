package io.understudy.takeover.saga;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.understudy.takeover.saga.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Inputs that must change nothing: no commands, no events, the same state and revision. */
class AbsorptionTest {
    private static final String TK = TakeoverIds.takeover(ENV, "health-1");

    private final Run run = new Run(standardTopology());

    private void assertAbsorbed(Input input) {
        Environment before = run.state;
        Decision decision = run.apply(input);
        assertThat(decision.commands()).isEmpty();
        assertThat(decision.events()).isEmpty();
        assertThat(decision.state()).isEqualTo(before);
    }

    @Test
    void aDuplicateFailureReportDuringTheTakeover() {
        run.apply(failed("health-1", "i-m1", 1));
        assertAbsorbed(failed("health-1", "i-m1", 1));
    }

    @Test
    void anotherReportOfTheSameFailureDuringTheTakeover() {
        run.apply(failed("health-1", "i-m1", 1));
        assertAbsorbed(failed("health-3", "i-m1", 3));
        assertAbsorbed(new Input.InstanceFailed("health-4", at(4), "i-m1", "repeated: still failed"));
    }

    @Test
    void aLateReportOfTheReplacedMasterAfterCompletion() {
        run.apply(failed("health-1", "i-m1", 1));
        run.apply(confirmed(TK + "/corroborate/1", 1));
        for (String step : new String[]{"fence", "proxy"}) {
            run.apply(succeeded(TK + "/" + step + "/1", 2, Map.of()));
        }
        run.apply(succeeded(TK + "/snapshot/1", 3, Map.of("snapshotId", "snap-1")));
        run.apply(succeeded(TK + "/volume/1", 4, Map.of("volumeId", "vol-new")));
        run.apply(succeeded(TK + "/attach/1", 5, Map.of()));
        run.apply(succeeded(TK + "/pivot/1", 6, Map.of()));
        run.apply(succeeded(TK + "/role/1", 7, Map.of()));
        run.apply(succeeded(TK + "/replacement/1", 8, Map.of("instanceId", "i-new", "privateAddress", "127.20.1.20",
                "availabilityZone", "us-east-1a")));
        run.apply(succeeded(TK + "/rejoin/1", 9, Map.of()));
        assertThat(Fixtures.inFlight(run.state)).isNull();

        assertAbsorbed(failed("health-1", "i-m1", 10));
        assertAbsorbed(failed("health-9", "i-m1", 11));
    }

    @Test
    void aFailureOfAnUnknownInstance() {
        assertAbsorbed(failed("health-1", "i-unknown", 1));
    }

    @Test
    void aFailureOfAnInstanceNotRunning() {
        run.apply(registered(topology(2, MASTER, SLAVE_B.withStatus(Instance.Status.TERMINATED), SLAVE_A)));
        assertAbsorbed(failed("health-1", "i-s2", 1));
    }

    @Test
    void aFailureOfAUtilityInstance() {
        assertAbsorbed(failed("health-1", "i-u1", 1));
    }

    @Test
    void aFailureInAnEnvironmentNeverRegistered() {
        Decision decision = Saga.decide(null, failed("health-1", "i-m1", 1));
        assertThat(decision).isEqualTo(new Decision(null, java.util.List.of(), java.util.List.of()));
    }

    @Test
    void resultsWithUnknownCommandIds() {
        assertAbsorbed(succeeded(TK + "/fence/1", 1, Map.of()));
        run.apply(failed("health-1", "i-m1", 1));
        assertAbsorbed(succeeded("someone-else/fence/1", 2, Map.of()));
        assertAbsorbed(succeeded(TK + "/snapshot/1", 2, Map.of("snapshotId", "snap-1")));
    }

    @Test
    void aDuplicateResultOfAFinishedStep() {
        run.apply(failed("health-1", "i-m1", 1));
        run.apply(confirmed(TK + "/corroborate/1", 1));
        run.apply(succeeded(TK + "/fence/1", 2, Map.of()));
        assertAbsorbed(succeeded(TK + "/fence/1", 2, Map.of()));
        assertAbsorbed(failedResult(TK + "/fence/1", 3, "late failure"));
    }

    @Test
    void healthNoticesAndTicks() {
        assertAbsorbed(new Input.HealthNotice("health-1", at(1), "i-m1", "InstanceSuspected"));
        run.apply(failed("health-2", "i-m1", 2));
        assertAbsorbed(new Input.HealthNotice("health-3", at(3), "i-m1", "InstanceRecovered"));
        assertAbsorbed(new Input.Tick(at(4)));
    }

    @Test
    void theSameRegistrationTwice() {
        assertAbsorbed(registered("op-2", 2, standardTopology()));
    }
}
