package io.understudy.takeover.saga;

import io.understudy.takeover.saga.Action.ConfigureProxy;
import io.understudy.takeover.saga.Action.CreateVolumeFromSnapshot;
import io.understudy.takeover.saga.Action.DeleteVolume;
import io.understudy.takeover.saga.Action.DetachVolume;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.understudy.takeover.saga.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Given a takeover at some point, when a step fails: exactly which commands, events and state follow. */
class TakeoverFailureTest {
    private static final String TK = TakeoverIds.takeover(ENV, "health-1");
    private static final Map<String, String> PROXY_OUT = Map.of("previousServers", "i-s1", "servers", "i-s1,i-s2");

    private final Run run = new Run(standardTopology());

    private static String cmd(String step) {
        return TK + "/" + step + "/1";
    }

    private static String undo(String step) {
        return cmd(step) + "/undo/1";
    }

    private void dataOnTheCandidate() {
        run.apply(failed("health-1", "i-m1", 1));
        run.apply(confirmed(cmd("corroborate"), 1));
        run.apply(succeeded(cmd("fence"), 2, Map.of()));
        run.apply(succeeded(cmd("proxy"), 2, PROXY_OUT));
        run.apply(succeeded(cmd("snapshot"), 3, Map.of("snapshotId", "snap-1")));
        run.apply(succeeded(cmd("volume"), 4, Map.of("volumeId", "vol-new")));
    }

    @Test
    void withoutAHealthySlaveOnTheStackVersionTheTakeoverFailsAtOnce() {
        Instance oldStack = new Instance("i-s3", Instance.Role.APP_SLAVE, "127.20.1.14", "us-east-1a", "2023.9", IMAGE,
                null, Instance.Status.RUNNING);
        Run alone = new Run(topology(1, MASTER, SLAVE_A.withStatus(Instance.Status.TERMINATED), oldStack));

        Decision decision = alone.apply(failed("health-1", "i-m1", 1));

        assertThat(decision.commands()).isEmpty();
        assertThat(decision.events()).containsExactly(
                new Event.TakeoverFailed(meta(TK + "/failed", TK, "health-1", 1), Takeover.Kind.MASTER_TAKEOVER, at(1),
                        "no healthy app slave on stack version 2024.1"),
                new Event.CapacityDegraded(meta(TK + "/capacity-degraded", TK, "health-1", 1), 2, 1));
        assertThat(Fixtures.inFlight(decision.state())).isNull();
        assertThat(decision.state().instance("i-m1").orElseThrow().status()).isEqualTo(Instance.Status.FAILED);
    }

    @Test
    void aPermanentFailureStartsUndoingTheLastStepTried() {
        dataOnTheCandidate();

        Decision decision = run.apply(permanentFailure(cmd("attach"), 5, "IncorrectState"));

        assertThat(decision.events()).containsExactly(new Event.StepFailed(
                meta(cmd("attach") + "/failed", TK, "result:" + cmd("attach"), 5), "attach", 1, cmd("attach"), at(4),
                "IncorrectState", false));
        assertThat(decision.commands()).containsExactly(new Command(
                meta(undo("attach"), TK, "result:" + cmd("attach"), 5), new DetachVolume("vol-new", "i-s1")));
        assertThat(Fixtures.inFlight(run.state).abortReason()).isEqualTo("step attach failed: IncorrectState");
        assertThat(run.step("attach").status()).isEqualTo(StepProgress.Status.COMPENSATING);
        assertThat(run.step("attach").compensationCommandId()).isEqualTo(undo("attach"));
    }

    @Test
    void eachUndoWaitsForThePreviousOneThenTheNextCandidateTakesOver() {
        dataOnTheCandidate();
        run.apply(permanentFailure(cmd("attach"), 5, "IncorrectState"));

        Decision detached = run.apply(succeeded(undo("attach"), 6, Map.of()));
        assertThat(detached.events()).containsExactly(new Event.StepCompensated(
                meta(undo("attach") + "/compensated", TK, "result:" + undo("attach"), 6), "attach", undo("attach"), at(5)));
        assertThat(detached.commands()).containsExactly(new Command(
                meta(undo("volume"), TK, "result:" + undo("attach"), 6), new DeleteVolume("vol-new")));

        Decision deleted = run.apply(succeeded(undo("volume"), 7, Map.of()));
        assertThat(deleted.commands()).containsExactly(new Command(meta(undo("proxy"), TK, "result:" + undo("volume"), 7),
                new ConfigureProxy("i-s1", "127.20.1.12", List.of(server(SLAVE_A)))));

        Decision restored = run.apply(succeeded(undo("proxy"), 8, Map.of()));
        String cause = "result:" + undo("proxy");
        assertThat(restored.events()).containsExactly(
                new Event.StepCompensated(meta(undo("proxy") + "/compensated", TK, cause, 8), "proxy", undo("proxy"), at(7)),
                new Event.TakeoverStarted(meta(TK + "/started@2", TK, cause, 8), Takeover.Kind.MASTER_TAKEOVER, "i-m1",
                        "i-s2", "candidate i-s1 abandoned: step attach failed: IncorrectState"),
                new Event.StepStarted(meta(TK + "/proxy@2/1/started", TK, cause, 8), "proxy", 1, TK + "/proxy@2/1"),
                new Event.StepStarted(meta(TK + "/volume@2/1/started", TK, cause, 8), "volume", 1, TK + "/volume@2/1"));
        assertThat(restored.commands()).containsExactly(
                new Command(meta(TK + "/proxy@2/1", TK, cause, 8),
                        new ConfigureProxy("i-s2", "127.20.2.11", List.of(server(SLAVE_B), server(SLAVE_A)))),
                new Command(meta(TK + "/volume@2/1", TK, cause, 8), new CreateVolumeFromSnapshot("snap-1", "us-east-1b")));
        Takeover takeover = Fixtures.inFlight(run.state);
        assertThat(takeover.candidateInstanceId()).isEqualTo("i-s2");
        assertThat(takeover.abandonedCandidates()).containsExactly("i-s1");
        assertThat(takeover.steps()).extracting(StepProgress::step, StepProgress::status).containsExactly(
                tuple("corroborate", StepProgress.Status.SUCCEEDED), tuple("fence", StepProgress.Status.SUCCEEDED),
                tuple("proxy", StepProgress.Status.RUNNING),
                tuple("snapshot", StepProgress.Status.SUCCEEDED), tuple("volume", StepProgress.Status.RUNNING),
                tuple("attach", StepProgress.Status.PENDING), tuple("pivot", StepProgress.Status.PENDING),
                tuple("role", StepProgress.Status.PENDING), tuple("replacement", StepProgress.Status.PENDING),
                tuple("rejoin", StepProgress.Status.PENDING));
    }

    @Test
    void aFailedUndoIsTriedAgainAfterItsWait() {
        dataOnTheCandidate();
        run.apply(permanentFailure(cmd("attach"), 5, "IncorrectState"));

        Decision refused = run.apply(failedResult(undo("attach"), 6, "RequestLimitExceeded"));
        assertThat(refused.commands()).isEmpty();
        assertThat(refused.events()).containsExactly(new Event.StepFailed(
                meta(undo("attach") + "/failed", TK, "result:" + undo("attach"), 6), "attach", 1, undo("attach"), at(5),
                "undo failed: RequestLimitExceeded", true));
        assertThat(run.step("attach").retryAt()).isEqualTo(at(8));

        assertThat(run.apply(tick(7)).commands()).isEmpty();
        Decision again = run.apply(tick(8));
        assertThat(again.commands()).containsExactly(new Command(meta(cmd("attach") + "/undo/2", TK, "tick@" + at(8).toEpochMilli(), 8),
                new DetachVolume("vol-new", "i-s1")));
    }

    @Test
    void aRetriableFailureIsTriedAgainWithAGrowingWait() {
        run.apply(failed("health-1", "i-m1", 1));
        run.apply(confirmed(cmd("corroborate"), 1));

        Decision refused = run.apply(failedResult(cmd("proxy"), 2, "HAProxy of i-s1 is unreachable"));
        assertThat(refused.commands()).isEmpty();
        assertThat(refused.events()).containsExactly(new Event.StepFailed(
                meta(cmd("proxy") + "/failed", TK, "result:" + cmd("proxy"), 2), "proxy", 1, cmd("proxy"), at(1),
                "HAProxy of i-s1 is unreachable", true));
        assertThat(run.step("proxy").retryAt()).isEqualTo(at(4));
        assertThat(run.apply(tick(3)).commands()).isEmpty();

        Decision second = run.apply(tick(4));
        String tick = "tick@" + at(4).toEpochMilli();
        assertThat(second.commands()).extracting(Command::id).containsExactly(TK + "/proxy/2");
        assertThat(second.events()).containsExactly(
                new Event.StepStarted(meta(TK + "/proxy/2/started", TK, tick, 4), "proxy", 2, TK + "/proxy/2"));
        run.apply(failedResult(TK + "/proxy/2", 5, "still unreachable"));
        assertThat(run.step("proxy").retryAt()).as("the wait doubles").isEqualTo(at(9));
        assertThat(run.step("proxy").since()).isEqualTo(at(1));
    }

    @Test
    void aSuccessWithoutTheOutputsTheNextStepNeedsIsAPermanentFailure() {
        run.apply(failed("health-1", "i-m1", 1));
        run.apply(confirmed(cmd("corroborate"), 1));
        run.apply(succeeded(cmd("fence"), 2, Map.of()));

        Decision decision = run.apply(succeeded(cmd("snapshot"), 3, Map.of("snapshot", "snap-1")));

        assertThat(decision.events()).containsExactly(new Event.StepFailed(
                meta(cmd("snapshot") + "/failed", TK, "result:" + cmd("snapshot"), 3), "snapshot", 1,
                cmd("snapshot"), at(2), "the result lacks the outputs [snapshotId]", false));
        assertThat(decision.commands()).as("the proxy step is still unanswered: undoing waits for it").isEmpty();
        assertThat(Fixtures.inFlight(run.state).abortReason()).isEqualTo("step snapshot failed: the result lacks the outputs [snapshotId]");
        assertThat(run.state.instance("i-m1").orElseThrow().status())
                .as("a master fenced before the failure stays fenced").isEqualTo(Instance.Status.FENCED);
    }

    @Test
    void aFailureWithoutAnErrorMessageStillSaysWhy() {
        run.apply(failed("health-1", "i-m1", 1));
        run.apply(confirmed(cmd("corroborate"), 1));

        run.apply(permanentFailure(cmd("fence"), 2, null));

        assertThat(Fixtures.inFlight(run.state).abortReason()).isEqualTo("step fence failed: no reason given");
    }

    @Test
    void noStepIsReleasedOrRetriedWhileATakeoverIsUndone() {
        run.apply(failed("health-1", "i-m1", 1));
        run.apply(confirmed(cmd("corroborate"), 1));
        run.apply(failedResult(cmd("fence"), 2, "throttled"));
        run.apply(permanentFailure(cmd("proxy"), 3, "InvalidServers"));

        Decision fenceWaitOver = run.apply(tick(30));

        assertThat(fenceWaitOver.commands()).as("no retry of the fence").isEmpty();
        assertThat(run.step("fence").retryAt()).isNull();
        assertThat(Fixtures.inFlight(run.state)).as("nothing to undo: the next candidate").satisfies(t ->
                assertThat(t.candidateInstanceId()).isEqualTo("i-s2"));
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
