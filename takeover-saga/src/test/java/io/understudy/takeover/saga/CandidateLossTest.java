package io.understudy.takeover.saga;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.understudy.takeover.saga.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The candidate fails during its own takeover. */
class CandidateLossTest {
    private static final String TK = TakeoverIds.takeover(ENV, "health-1");

    private static final String REPLACE_CANDIDATE = TakeoverIds.takeover(ENV, "health-2");

    private static String cmd(String step) {
        return TK + "/" + step + "/1";
    }

    @Test
    void beforeThePivotTheTakeoverMovesOnToTheNextCandidateAndTheCandidateIsReplacedBesideIt() {
        Run run = new Run(standardTopology());
        run.apply(failed("health-1", "i-m1", 1));
        run.apply(confirmed(cmd("corroborate"), 1));
        run.apply(succeeded(cmd("fence"), 2, Map.of()));

        Decision lost = run.apply(failed("health-2", "i-s1", 3));
        assertThat(lost.commands()).as("the master takeover's proxy step is unanswered: it waits for it")
                .allSatisfy(c -> assertThat(c.id()).startsWith(REPLACE_CANDIDATE + "/"));
        assertThat(lost.commands()).extracting(Command::action).containsExactly(new Action.CorroborateFailure("i-s1", "127.20.1.12"));
        assertThat(about(run.state, "i-m1").abortReason()).isEqualTo("candidate i-s1 failed: 3 probes failed");
        assertThat(about(run.state, "i-s1").kind()).isEqualTo(Takeover.Kind.SLAVE_REPLACEMENT);
        assertThat(run.state.instance("i-s1").orElseThrow().status()).isEqualTo(Instance.Status.FAILED);

        assertThat(run.apply(succeeded(cmd("proxy"), 4, Map.of("previousServers", "i-s1"))).commands())
                .as("the snapshot is still unanswered").isEmpty();
        Decision settled = run.apply(succeeded(cmd("snapshot"), 5, Map.of("snapshotId", "snap-1")));

        assertThat(settled.commands()).as("nothing to restore on a failed candidate; the next one starts")
                .extracting(Command::id).containsExactly(TK + "/proxy@2/1", TK + "/volume@2/1");
        assertThat(about(run.state, "i-m1").candidateInstanceId()).isEqualTo("i-s2");
    }

    @Test
    void afterThePivotTheNewMasterIsTakenOverInTurnWhileTheFirstTakeoverFinishesWithoutMakingItMaster() {
        Autopilot pilot = new Autopilot(standardTopology())
                .answering(Autopilot.step("role"), Autopilot.Answer.NEVER);
        pilot.apply(failed("health-1", "i-m1", 1))
                .until(events -> events.stream().anyMatch(e -> e instanceof Event.StepSucceeded s && s.step().equals("pivot")));
        String next = TakeoverIds.takeover(ENV, "health-2");

        Decision lost = pilot.run.apply(failed("health-2", "i-s1", 5000));

        assertThat(lost.events()).filteredOn(e -> e instanceof Event.StepSkipped).singleElement()
                .isEqualTo(new Event.StepSkipped(meta(TK + "/role@1/skipped", TK, "health-2", 5000), "role",
                        "the new master candidate i-s1 failed: 3 probes failed after the pivot; it is taken over in turn"));
        assertThat(lost.events()).filteredOn(e -> e instanceof Event.TakeoverStarted).singleElement()
                .isEqualTo(new Event.TakeoverStarted(meta(next + "/started", next, "health-2", 5000),
                        Takeover.Kind.MASTER_TAKEOVER, "i-s1", "i-s2", "3 probes failed"));
        assertThat(lost.events()).noneMatch(e -> e instanceof Event.TakeoverFailed);
        assertThat(lost.commands()).extracting(Command::action).contains(new Action.CorroborateFailure("i-s1", "127.20.1.12"));
        assertThat(pilot.run.state.instance("i-s1").orElseThrow().dataVolumeId())
                .as("the new master's data is what the next takeover carries over").isEqualTo("vol-new-us-east-1a");
        assertThat(about(pilot.run.state, "i-m1").step("replacement")).as("the first takeover still replaces the old master")
                .hasValueSatisfying(p -> assertThat(p.status()).isNotEqualTo(StepProgress.Status.SKIPPED));
    }

    @Test
    void anotherSlaveFailingDuringTheTakeoverIsReplacedBesideIt() {
        Run run = new Run(standardTopology());
        run.apply(failed("health-1", "i-m1", 1));

        Decision other = run.apply(failed("health-2", "i-s2", 2));

        assertThat(other.commands()).extracting(Command::action).containsExactly(new Action.CorroborateFailure("i-s2", "127.20.2.11"));
        assertThat(about(run.state, "i-s2").kind()).isEqualTo(Takeover.Kind.SLAVE_REPLACEMENT);
        assertThat(about(run.state, "i-m1").candidateInstanceId()).isEqualTo("i-s1");
    }
}
