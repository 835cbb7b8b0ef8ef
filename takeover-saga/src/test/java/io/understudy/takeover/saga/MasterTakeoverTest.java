package io.understudy.takeover.saga;

import io.understudy.takeover.saga.Action.AssociateAddress;
import io.understudy.takeover.saga.Action.AttachVolume;
import io.understudy.takeover.saga.Action.ConfigureProxy;
import io.understudy.takeover.saga.Action.CorroborateFailure;
import io.understudy.takeover.saga.Action.CreateVolumeFromSnapshot;
import io.understudy.takeover.saga.Action.RunInstance;
import io.understudy.takeover.saga.Action.SetInstanceRole;
import io.understudy.takeover.saga.Action.SnapshotVolume;
import io.understudy.takeover.saga.Action.StopInstance;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.understudy.takeover.saga.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class MasterTakeoverTest {
    private static final String TK = TakeoverIds.takeover(ENV, "health-1");
    private static final Map<String, String> REPLACEMENT = Map.of(
            "instanceId", "i-new", "privateAddress", "127.20.1.20", "availabilityZone", "us-east-1a");

    private final Run run = new Run(standardTopology());

    private static String cmd(String step) {
        return TK + "/" + step + "/1";
    }

    private static Command command(String step, int second, String causation, Action action) {
        return new Command(meta(cmd(step), TK, causation, second), action);
    }

    private static Event.StepStarted started(String step, int second, String causation) {
        return new Event.StepStarted(meta(cmd(step) + "/started", TK, causation, second), step, 1, cmd(step));
    }

    private static Event.StepSucceeded succeededEvent(String step, int startedSecond, int second, Map<String, String> outputs) {
        return new Event.StepSucceeded(meta(cmd(step) + "/succeeded", TK, "result:" + cmd(step), second), step, 1,
                cmd(step), at(startedSecond), outputs);
    }

    @Test
    void failureOfTheMasterStartsATakeoverThatAsksForASecondOpinionAndReleasesTheProxyInParallel() {
        Decision decision = run.apply(failed("health-1", "i-m1", 1));

        assertThat(decision.events()).containsExactly(
                new Event.TakeoverStarted(meta(TK + "/started", TK, "health-1", 1), Takeover.Kind.MASTER_TAKEOVER,
                        "i-m1", "i-s1", "3 probes failed"),
                started("corroborate", 1, "health-1"),
                started("proxy", 1, "health-1"));
        assertThat(decision.commands()).containsExactly(
                command("corroborate", 1, "health-1", new CorroborateFailure("i-m1", "127.20.1.10")),
                command("proxy", 1, "health-1", new ConfigureProxy("i-s1", "127.20.1.12",
                        List.of(server(SLAVE_A), server(SLAVE_B)))));
    }

    @Test
    void aConfirmedFailureReleasesTheForcedFence() {
        run.apply(failed("health-1", "i-m1", 1));

        Decision decision = run.apply(confirmed(cmd("corroborate"), 2));

        assertThat(decision.events()).containsExactly(succeededEvent("corroborate", 1, 2, Autopilot.CONFIRMED),
                started("fence", 2, "result:" + cmd("corroborate")));
        assertThat(decision.commands()).containsExactly(
                command("fence", 2, "result:" + cmd("corroborate"), new StopInstance("i-m1", true)));
    }

    @Test
    void theTakeoverIsRecordedInTheStateWithItsWholePlan() {
        Environment state = run.apply(failed("health-1", "i-m1", 1)).state();

        assertThat(state.revision()).isEqualTo(3);
        assertThat(state.updatedAt()).isEqualTo(at(1));
        assertThat(state.instance("i-m1").orElseThrow().status()).isEqualTo(Instance.Status.FAILED);
        Takeover takeover = Fixtures.inFlight(state);
        assertThat(takeover.id()).isEqualTo(TK);
        assertThat(takeover.kind()).isEqualTo(Takeover.Kind.MASTER_TAKEOVER);
        assertThat(takeover.failedInstanceId()).isEqualTo("i-m1");
        assertThat(takeover.candidateInstanceId()).isEqualTo("i-s1");
        assertThat(takeover.startedAt()).isEqualTo(at(1));
        assertThat(takeover.causationId()).isEqualTo("health-1");
        assertThat(takeover.steps()).extracting(StepProgress::step, StepProgress::status).containsExactly(
                tuple("corroborate", StepProgress.Status.RUNNING), tuple("fence", StepProgress.Status.PENDING),
                tuple("proxy", StepProgress.Status.RUNNING),
                tuple("snapshot", StepProgress.Status.PENDING), tuple("volume", StepProgress.Status.PENDING),
                tuple("attach", StepProgress.Status.PENDING), tuple("pivot", StepProgress.Status.PENDING),
                tuple("role", StepProgress.Status.PENDING), tuple("replacement", StepProgress.Status.PENDING),
                tuple("rejoin", StepProgress.Status.PENDING));
        assertThat(run.step("corroborate")).isEqualTo(new StepProgress("corroborate", StepProgress.Status.RUNNING, 1,
                cmd("corroborate"), at(1), null, Map.of(), null, at(1), null, null));
    }

    @Test
    void fencingReleasesTheSnapshotButNotYetThePivot() {
        run.apply(failed("health-1", "i-m1", 1));
        run.apply(confirmed(cmd("corroborate"), 1));

        Decision decision = run.apply(succeeded(cmd("fence"), 2, Map.of()));

        assertThat(decision.events()).containsExactly(succeededEvent("fence", 1, 2, Map.of()),
                started("snapshot", 2, "result:" + cmd("fence")));
        assertThat(decision.commands()).containsExactly(
                command("snapshot", 2, "result:" + cmd("fence"), new SnapshotVolume("vol-master")));
        assertThat(decision.state().instance("i-m1").orElseThrow().status()).isEqualTo(Instance.Status.FENCED);
        assertThat(run.step("fence").status()).isEqualTo(StepProgress.Status.SUCCEEDED);
        assertThat(run.step("fence").finishedAt()).isEqualTo(at(2));
        assertThat(run.step("pivot").status()).isEqualTo(StepProgress.Status.PENDING);
    }

    @Test
    void theSnapshotWaitsForTheFenceEvenWhenTheProxyIsDone() {
        run.apply(failed("health-1", "i-m1", 1));
        run.apply(confirmed(cmd("corroborate"), 1));

        Decision decision = run.apply(succeeded(cmd("proxy"), 2, Map.of()));

        assertThat(decision.events()).containsExactly(succeededEvent("proxy", 1, 2, Map.of()));
        assertThat(decision.commands()).isEmpty();
        assertThat(run.step("snapshot").status()).isEqualTo(StepProgress.Status.PENDING);
    }

    @Test
    void theVolumeMovesToTheCandidatesZoneStepByStep() {
        run.apply(failed("health-1", "i-m1", 1));
        run.apply(confirmed(cmd("corroborate"), 1));
        run.apply(succeeded(cmd("fence"), 2, Map.of()));
        run.apply(succeeded(cmd("proxy"), 3, Map.of()));

        Decision snapshot = run.apply(succeeded(cmd("snapshot"), 4, Map.of("snapshotId", "snap-1")));
        assertThat(snapshot.events()).containsExactly(succeededEvent("snapshot", 2, 4, Map.of("snapshotId", "snap-1")),
                started("volume", 4, "result:" + cmd("snapshot")));
        assertThat(snapshot.commands()).containsExactly(command("volume", 4, "result:" + cmd("snapshot"),
                new CreateVolumeFromSnapshot("snap-1", "us-east-1a")));

        Decision volume = run.apply(succeeded(cmd("volume"), 5, Map.of("volumeId", "vol-new")));
        assertThat(volume.commands()).containsExactly(command("attach", 5, "result:" + cmd("volume"),
                new AttachVolume("vol-new", "i-s1", "/dev/sdf")));

        Decision attach = run.apply(succeeded(cmd("attach"), 6, Map.of()));
        assertThat(attach.commands()).containsExactly(command("pivot", 6, "result:" + cmd("attach"),
                new AssociateAddress("eipalloc-1", "i-s1", List.of("i-m1"))));
    }

    @Test
    void thePivotWaitsForFenceAttachAndProxy() {
        run.apply(failed("health-1", "i-m1", 1));
        run.apply(confirmed(cmd("corroborate"), 1));
        run.apply(succeeded(cmd("fence"), 2, Map.of()));
        run.apply(succeeded(cmd("snapshot"), 3, Map.of("snapshotId", "snap-1")));
        run.apply(succeeded(cmd("volume"), 4, Map.of("volumeId", "vol-new")));

        assertThat(run.apply(succeeded(cmd("attach"), 5, Map.of())).commands()).isEmpty();
        assertThat(run.step("pivot").status()).isEqualTo(StepProgress.Status.PENDING);

        Decision proxy = run.apply(succeeded(cmd("proxy"), 6, Map.of()));
        assertThat(proxy.commands()).containsExactly(command("pivot", 6, "result:" + cmd("proxy"),
                new AssociateAddress("eipalloc-1", "i-s1", List.of("i-m1"))));
    }

    @Test
    void afterThePivotTheRoleMovesAndAReplacementBootsInParallel() {
        runUntilPivot();

        Decision pivot = run.apply(succeeded(cmd("pivot"), 7, Map.of()));

        String cause = "result:" + cmd("pivot");
        assertThat(pivot.events()).containsExactly(succeededEvent("pivot", 6, 7, Map.of()),
                started("role", 7, cause), started("replacement", 7, cause));
        assertThat(pivot.commands()).containsExactly(
                command("role", 7, cause, new SetInstanceRole("i-s1", Instance.Role.APP_MASTER)),
                command("replacement", 7, cause, new RunInstance(IMAGE, STACK, "us-east-1a", "subnet-a", Instance.Role.APP_SLAVE)));
    }

    @Test
    void theReplacementRejoinsTheNewMastersProxy() {
        runUntilPivot();
        run.apply(succeeded(cmd("pivot"), 7, Map.of()));
        Decision role = run.apply(succeeded(cmd("role"), 8, Map.of()));
        assertThat(role.commands()).isEmpty();
        assertThat(role.state().instance("i-s1").orElseThrow().role()).isEqualTo(Instance.Role.APP_MASTER);

        Decision replacement = run.apply(succeeded(cmd("replacement"), 9, REPLACEMENT));

        assertThat(replacement.commands()).containsExactly(command("rejoin", 9, "result:" + cmd("replacement"),
                new ConfigureProxy("i-s1", "127.20.1.12",
                        List.of(server(SLAVE_A), server(SLAVE_B), server("i-new", "127.20.1.20")))));
        assertThat(Fixtures.inFlight(replacement.state()).replacementInstanceId()).isEqualTo("i-new");
    }

    @Test
    void theLastStepCompletesTheTakeover() {
        runToCompletion();
        Decision rejoin = run.decisions.get(run.decisions.size() - 1);

        assertThat(rejoin.commands()).isEmpty();
        assertThat(rejoin.events()).containsExactly(
                succeededEvent("rejoin", 9, 10, Map.of()),
                new Event.TakeoverCompleted(meta(TK + "/completed", TK, "result:" + cmd("rejoin"), 10),
                        Takeover.Kind.MASTER_TAKEOVER, at(1), "i-s1", "i-new"));
    }

    @Test
    void afterCompletionTheCandidateIsMasterAndTheReplacementASlave() {
        runToCompletion();
        Environment state = run.state;

        assertThat(Fixtures.inFlight(state)).isNull();
        assertThat(state.revision()).isEqualTo(2 + 11);
        assertThat(state.updatedAt()).isEqualTo(at(10));
        assertThat(state.instances()).containsExactly(
                MASTER.withStatus(Instance.Status.FENCED),
                SLAVE_B,
                SLAVE_A.withRole(Instance.Role.APP_MASTER).withDataVolume("vol-new"),
                UTILITY,
                new Instance("i-new", Instance.Role.APP_SLAVE, "127.20.1.20", "us-east-1a", STACK, IMAGE, null,
                        Instance.Status.RUNNING));
        assertThat(state.runningMaster()).contains(SLAVE_A.withRole(Instance.Role.APP_MASTER).withDataVolume("vol-new"));
    }

    @Test
    void completionBelowTheSpareCapacityIsReported() {
        run.apply(registered(topology(3, MASTER, SLAVE_B, SLAVE_A)));
        runToCompletion();
        Decision rejoin = run.decisions.get(run.decisions.size() - 1);

        assertThat(rejoin.events()).last().isEqualTo(new Event.CapacityDegraded(
                meta(TK + "/capacity-degraded", TK, "result:" + cmd("rejoin"), 10), 4, 3));
    }

    @Test
    void withoutADataVolumeNothingIsSnapshottedAndThePivotFollowsFenceAndProxy() {
        Run noData = new Run(topology(2,
                instance("i-m1", Instance.Role.APP_MASTER, "127.20.1.10", "us-east-1a", null), SLAVE_B, SLAVE_A));
        noData.apply(failed("health-1", "i-m1", 1));
        noData.apply(confirmed(cmd("corroborate"), 1));
        assertThat(Fixtures.inFlight(noData.state).steps()).extracting(StepProgress::step)
                .containsExactly("corroborate", "fence", "proxy", "pivot", "role", "replacement", "rejoin");

        Decision fence = noData.apply(succeeded(cmd("fence"), 2, Map.of()));
        assertThat(fence.commands()).isEmpty();
        Decision proxy = noData.apply(succeeded(cmd("proxy"), 3, Map.of()));

        assertThat(proxy.commands()).containsExactly(command("pivot", 3, "result:" + cmd("proxy"),
                new AssociateAddress("eipalloc-1", "i-s1", List.of("i-m1"))));
    }

    @Test
    void theSameInputsGiveTheSameDecisions() {
        Environment start = run.state;
        Input failure = failed("health-1", "i-m1", 1);

        assertThat(Saga.decide(start, failure)).isEqualTo(Saga.decide(start, failure));
        assertThat(TakeoverIds.takeover(ENV, "health-1")).isEqualTo(TK).startsWith("takeover-");
        assertThat(TakeoverIds.takeover(ENV, "health-2")).isNotEqualTo(TK);
        assertThat(TakeoverIds.takeover("env-2", "health-1")).isNotEqualTo(TK);
    }

    private void runUntilPivot() {
        run.apply(failed("health-1", "i-m1", 1));
        run.apply(confirmed(cmd("corroborate"), 1));
        run.apply(succeeded(cmd("fence"), 2, Map.of()));
        run.apply(succeeded(cmd("proxy"), 3, Map.of()));
        run.apply(succeeded(cmd("snapshot"), 4, Map.of("snapshotId", "snap-1")));
        run.apply(succeeded(cmd("volume"), 5, Map.of("volumeId", "vol-new")));
        run.apply(succeeded(cmd("attach"), 6, Map.of()));
    }

    private void runToCompletion() {
        runUntilPivot();
        run.apply(succeeded(cmd("pivot"), 7, Map.of()));
        run.apply(succeeded(cmd("role"), 8, Map.of()));
        run.apply(succeeded(cmd("replacement"), 9, REPLACEMENT));
        run.apply(succeeded(cmd("rejoin"), 10, Map.of()));
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
