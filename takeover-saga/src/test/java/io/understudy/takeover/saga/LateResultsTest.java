package io.understudy.takeover.saga;

import io.understudy.takeover.saga.Action.DeleteVolume;
import io.understudy.takeover.saga.Action.TerminateInstance;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.understudy.takeover.saga.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Results that come back after their step timed out, was tried again, or was given up: adopted or released. */
class LateResultsTest {
    private static final String TK = TakeoverIds.takeover(ENV, "health-1");
    private static final Map<String, String> REPLACEMENT = Autopilot.REPLACEMENT;

    private final Run run = new Run(standardTopology());

    private static String cmd(String step, int attempt) {
        return TK + "/" + step + "/" + attempt;
    }

    private void volumeTimedOutAndTriedAgain() {
        run.apply(failed("health-1", "i-m1", 1));
        run.apply(confirmed(cmd("corroborate", 1), 1));
        run.apply(succeeded(cmd("fence", 1), 2, Map.of()));
        run.apply(succeeded(cmd("proxy", 1), 2, Map.of("previousServers", "i-s1")));
        run.apply(succeeded(cmd("snapshot", 1), 3, Map.of("snapshotId", "snap-1")));
        run.apply(tick(3 + 600)); // the volume step's 10 minutes are over
        run.apply(tick(3 + 600 + 2)); // its wait is over: attempt 2
        assertThat(run.step("volume").commandId()).isEqualTo(cmd("volume", 2));
    }

    @Test
    void theLateSuccessOfAnEarlierAttemptIsAdoptedAndTheNextStepReleased() {
        volumeTimedOutAndTriedAgain();

        Decision late = run.apply(succeeded(cmd("volume", 1), 700, Map.of("volumeId", "vol-a")));

        assertThat(late.events()).first().isEqualTo(new Event.StepSucceeded(
                meta(cmd("volume", 1) + "/succeeded", TK, "result:" + cmd("volume", 1), 700), "volume", 1,
                cmd("volume", 1), at(605), Map.of("volumeId", "vol-a")));
        assertThat(late.commands()).extracting(Command::id).containsExactly(cmd("attach", 1));
        assertThat(run.step("volume").outputs()).containsEntry("volumeId", "vol-a");
    }

    @Test
    void whatTheSupersededAttemptCreatedIsReleased() {
        volumeTimedOutAndTriedAgain();
        run.apply(succeeded(cmd("volume", 1), 700, Map.of("volumeId", "vol-a")));

        Decision second = run.apply(succeeded(cmd("volume", 2), 701, Map.of("volumeId", "vol-b")));

        assertThat(second.events()).isEmpty();
        assertThat(second.commands()).containsExactly(new Command(
                meta(cmd("volume", 2) + "/release", TK, "result:" + cmd("volume", 2), 701), new DeleteVolume("vol-b")));
        assertThat(run.step("volume").outputs()).containsEntry("volumeId", "vol-a");
    }

    @Test
    void aDuplicateOfTheAdoptedResultReleasesNothing() {
        volumeTimedOutAndTriedAgain();
        run.apply(succeeded(cmd("volume", 1), 700, Map.of("volumeId", "vol-a")));
        Environment before = run.state;

        Decision duplicate = run.apply(succeeded(cmd("volume", 1), 702, Map.of("volumeId", "vol-a")));

        assertThat(duplicate.commands()).isEmpty();
        assertThat(duplicate.events()).isEmpty();
        assertThat(duplicate.state()).isEqualTo(before);
    }

    @Test
    void aVolumeCreatedAfterItsTakeoverFailedIsDeleted() {
        Run alone = new Run(topology(1, MASTER, SLAVE_A));
        alone.apply(failed("health-1", "i-m1", 1));
        alone.apply(confirmed(cmd("corroborate", 1), 1));
        alone.apply(succeeded(cmd("fence", 1), 2, Map.of()));
        alone.apply(permanentFailure(cmd("proxy", 1), 2, "InvalidServers"));
        alone.apply(succeeded(cmd("snapshot", 1), 3, Map.of("snapshotId", "snap-1")));
        assertThat(Fixtures.inFlight(alone.state)).as("failed: nothing to undo, no other candidate").isNull();

        Decision late = alone.apply(succeeded(cmd("volume", 1), 9, Map.of("volumeId", "vol-late")));

        assertThat(late.commands()).containsExactly(new Command(
                meta(cmd("volume", 1) + "/release", TK, "result:" + cmd("volume", 1), 9), new DeleteVolume("vol-late")));
    }

    @Test
    void aReplacementBootedTwiceIsTerminatedOnce() {
        Autopilot pilot = new Autopilot(standardTopology())
                .answering(c -> c.id().equals(cmd("replacement", 1)), Autopilot.Answer.NEVER);
        pilot.apply(failed("health-1", "i-m1", 1))
                .until(events -> events.stream().anyMatch(e -> e instanceof Event.StepStarted s && s.attempt() == 2));
        pilot.answering(c -> false, Autopilot.Answer.SUCCEED).until(Autopilot.ended());
        assertThat(pilot.run.state.instance("i-new")).isPresent();

        Decision late = pilot.run.apply(new Input.CommandResult("result:" + cmd("replacement", 1), at(99999),
                cmd("replacement", 1), "RunInstance", true, false, null,
                Map.of("instanceId", "i-twin", "privateAddress", "127.20.1.21", "availabilityZone", "us-east-1a")));
        Decision duplicateOfTheKeptOne = pilot.run.apply(succeeded(cmd("replacement", 2), 99999, REPLACEMENT));

        assertThat(late.commands()).extracting(Command::action).containsExactly(new TerminateInstance("i-twin"));
        assertThat(duplicateOfTheKeptOne.commands()).as("the replacement in use is kept").isEmpty();
    }

    @Test
    void aLateFailureChangesNothing() {
        volumeTimedOutAndTriedAgain();
        Environment before = run.state;

        Decision late = run.apply(failedResult(cmd("volume", 1), 700, "InsufficientVolumeCapacity"));

        assertThat(late.commands()).isEmpty();
        assertThat(late.events()).isEmpty();
        assertThat(late.state()).isEqualTo(before);
    }

    @Test
    void theFirstCandidatesLateResultsDoNotMoveTheSecondCandidatesSteps() {
        run.apply(failed("health-1", "i-m1", 1));
        run.apply(confirmed(cmd("corroborate", 1), 1));
        run.apply(permanentFailure(cmd("proxy", 1), 2, "InvalidServers"));
        run.apply(succeeded(cmd("fence", 1), 3, Map.of()));
        assertThat(Fixtures.inFlight(run.state).candidateInstanceId()).isEqualTo("i-s2");
        Environment before = run.state;

        Decision late = run.apply(succeeded(cmd("proxy", 1), 4, Map.of("previousServers", "i-s1")));

        assertThat(late.commands()).isEmpty();
        assertThat(late.state()).isEqualTo(before);
    }
}
