package io.understudy.takeover.saga;

import io.understudy.contract.FailureJudged;
import io.understudy.contract.FailureVerdict;
import io.understudy.contract.InstanceLaunched;
import io.understudy.contract.SnapshotTaken;
import io.understudy.contract.VolumeCreated;
import io.understudy.takeover.saga.Action.AttachVolume;
import io.understudy.takeover.saga.Action.CreateVolumeFromSnapshot;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.understudy.takeover.saga.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The saga reads what a step's result reported as the step's typed output: the map rendering beside it is for people,
 * and for results from services older than typed outputs, whose map is read back as the step's output type.
 */
class TypedOutputsTest {
    private static final String TK = TakeoverIds.takeover(ENV, "health-1");
    private final Run run = new Run(standardTopology());

    private static String cmd(String step) {
        return TK + "/" + step + "/1";
    }

    private static Input.CommandResult typed(String commandId, int second, SpecificRecord output) {
        return new Input.CommandResult("result:" + commandId, at(second), commandId, commandType(commandId), true, false,
                null, Map.of(), output);
    }

    @Test
    void typedOutputsAloneCarryTheTakeoverOn() {
        run.apply(failed("health-1", "i-m1", 1));
        run.apply(typed(cmd("corroborate"), 1, new FailureJudged(FailureVerdict.confirmed, "connection refused")));
        run.apply(typed(cmd("fence"), 2, null));

        Decision snapshot = run.apply(typed(cmd("snapshot"), 3, new SnapshotTaken("snap-typed")));
        assertThat(snapshot.commands()).extracting(Command::action)
                .containsExactly(new CreateVolumeFromSnapshot("snap-typed", "us-east-1a"));

        Decision volume = run.apply(typed(cmd("volume"), 4, new VolumeCreated("vol-typed")));
        assertThat(volume.commands()).extracting(Command::action)
                .containsExactly(new AttachVolume("vol-typed", "i-s1", "/dev/sdf"));
        assertThat(run.step("volume").output()).isEqualTo(new VolumeCreated("vol-typed"));
    }

    @Test
    void aRefutingVerdictWithdrawsTheTakeover() {
        run.apply(failed("health-1", "i-m1", 1));

        run.apply(typed(cmd("corroborate"), 2, new FailureJudged(FailureVerdict.refuted, "200 from /health")));

        assertThat(Fixtures.inFlight(run.state).abortReason()).contains("refuted by a second opinion: 200 from /health");
    }

    @Test
    void anOutputOfAnotherTypeIsNotTheStepsOutput() {
        run.apply(failed("health-1", "i-m1", 1));
        run.apply(confirmed(cmd("corroborate"), 1));
        run.apply(succeeded(cmd("fence"), 2, Map.of()));

        run.apply(typed(cmd("snapshot"), 3, new VolumeCreated("vol-1")));

        assertThat(run.step("snapshot").error()).isEqualTo("the result lacks the outputs [snapshotId]");
    }

    @Test
    void aMapFromAnOlderServiceIsReadAsTheStepsOutput() {
        run.apply(failed("health-1", "i-m1", 1));
        run.apply(confirmed(cmd("corroborate"), 1));
        run.apply(succeeded(cmd("fence"), 2, Map.of()));

        run.apply(succeeded(cmd("snapshot"), 3, Map.of("snapshotId", "snap-old")));

        assertThat(run.step("snapshot").output()).isEqualTo(new SnapshotTaken("snap-old"));
    }

    @Test
    void aResultWithOnlyItsTypedOutputGetsTheRenderingPeopleAndLookUpsRead() {
        Input.CommandResult result = typed(cmd("volume"), 5, new VolumeCreated("vol-new"));

        assertThat(result.outputs()).isEqualTo(Map.of("volumeId", "vol-new"));
        assertThat(typed(cmd("fence"), 5, null).outputs()).isEmpty();
    }

    @Test
    void aStepsNameMeansTheSameOutputInEveryPlan() {
        for (Plan plan : List.of(TakeoverPlans.MASTER_TAKEOVER, TakeoverPlans.SLAVE_REPLACEMENT)) {
            for (Step<?> step : plan.steps()) {
                assertThat(TakeoverPlans.stepNamed(step.name()).orElseThrow().yields()).as(step.name())
                        .isEqualTo(step.yields());
            }
        }
        assertThat(TakeoverPlans.SLAVE_REPLACEMENT.step("replacement").yields()).isEqualTo(InstanceLaunched.class);
    }
}
