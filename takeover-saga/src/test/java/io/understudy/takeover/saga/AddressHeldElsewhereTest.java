package io.understudy.takeover.saga;

import io.understudy.schemas.outcome.ResultOutputs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.understudy.takeover.saga.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pivot is a compare-and-set: the address is taken only from the failed master (or a candidate given up on).
 * Held by anyone else, the takeover stops for an operator instead of taking it back on every retry.
 */
class AddressHeldElsewhereTest {
    private static final String TK = TakeoverIds.takeover(ENV, "health-1");

    private final Run run = new Run(standardTopology());

    private void upToThePivot() {
        run.apply(failed("health-1", "i-m1", 1));
        run.apply(confirmed(TK + "/corroborate/1", 1));
        run.apply(succeeded(TK + "/fence/1", 2, Map.of()));
        run.apply(succeeded(TK + "/proxy/1", 2, Map.of()));
        run.apply(succeeded(TK + "/snapshot/1", 3, Map.of("snapshotId", "snap-1")));
        run.apply(succeeded(TK + "/volume/1", 4, Map.of("volumeId", "vol-new")));
        run.apply(succeeded(TK + "/attach/1", 5, Map.of()));
    }

    private static Input.CommandResult heldBy(String commandId, int second, String holder) {
        return new Input.CommandResult("result:" + commandId, at(second), commandId, "AssociateAddress", false, false,
                "the Elastic IP is held by " + holder, Map.of(ResultOutputs.ERROR_CODE, ResultOutputs.ADDRESS_HELD_ELSEWHERE,
                "holderInstanceId", holder));
    }

    @Test
    void thePivotTakesTheAddressOnlyFromTheFailedMaster() {
        upToThePivot();

        assertThat(run.decisions.get(run.decisions.size() - 1).commands()).extracting(Command::action)
                .containsExactly(new Action.AssociateAddress("eipalloc-1", "i-s1", List.of("i-m1")));
    }

    @Test
    void anAddressHeldByAThirdInstancePausesTheEnvironmentAndIsNotRetried() {
        upToThePivot();

        Decision held = run.apply(heldBy(TK + "/pivot/1", 6, "i-other"));

        assertThat(held.commands()).isEmpty();
        assertThat(held.events()).filteredOn(e -> e instanceof Event.StepFailed).singleElement()
                .satisfies(e -> assertThat(((Event.StepFailed) e).retriable()).isFalse());
        assertThat(held.events()).filteredOn(e -> e instanceof Event.EnvironmentPaused).singleElement()
                .satisfies(e -> {
                    assertThat(((Event.EnvironmentPaused) e).by()).isEqualTo("understudy");
                    assertThat(((Event.EnvironmentPaused) e).reason()).contains("pivot", "needs an operator", "i-other");
                });
        assertThat(held.state().paused()).isTrue();
        assertThat(run.apply(tick(3600)).commands()).as("an hour later").isEmpty();
        assertThat(run.step("pivot").status()).isEqualTo(StepProgress.Status.FAILED);
    }

    @Test
    void onResumeThePivotIsTriedAgainAndTheTakeoverGoesOn() {
        upToThePivot();
        run.apply(heldBy(TK + "/pivot/1", 6, "i-other"));

        Decision resumed = run.apply(new Input.PauseChanged("op-9", at(600), false, "freed the address", "operator-cli:ops"));

        assertThat(resumed.commands()).extracting(Command::id).containsExactly(TK + "/pivot/2");
        Decision pivoted = run.apply(succeeded(TK + "/pivot/2", 601, Map.of()));
        assertThat(pivoted.commands()).extracting(Command::id).containsExactly(TK + "/role/1", TK + "/replacement/1");
        assertThat(pivoted.state().runningMaster().map(Instance::id)).contains("i-s1");
    }

    @Test
    void theNextCandidatesPivotMayTakeTheAddressFromACandidateGivenUpOn() {
        Autopilot pilot = new Autopilot(standardTopology())
                .answering(c -> c.id().equals(TK + "/attach/1"), Autopilot.Answer.FAIL_PERMANENTLY);

        pilot.apply(failed("health-1", "i-m1", 1)).until(Autopilot.ended());

        assertThat(pilot.sent).extracting(Command::action).filteredOn(a -> a instanceof Action.AssociateAddress)
                .containsExactly(new Action.AssociateAddress("eipalloc-1", "i-s2", List.of("i-m1", "i-s1")));
        assertThat(pilot.events(Event.TakeoverCompleted.class)).hasSize(1);
    }
}
