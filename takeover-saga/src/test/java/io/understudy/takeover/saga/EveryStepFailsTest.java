package io.understudy.takeover.saga;

import io.understudy.takeover.saga.Action.ConfigureProxy;
import io.understudy.takeover.saga.Action.DeleteVolume;
import io.understudy.takeover.saga.Action.DetachVolume;
import io.understudy.takeover.saga.Autopilot.Answer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static io.understudy.takeover.saga.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every step of a master takeover failing in every way (for good, retriably until its attempts run out, or never
 * answering), while every other command succeeds. Before the pivot: what was done for the candidate is undone in
 * reverse, then the next candidate takes over. From the pivot on: the step is tried until it succeeds.
 */
class EveryStepFailsTest {
    private static final String TK = TakeoverIds.takeover(ENV, "health-1");
    private static final ConfigureProxy RESTORE_PROXY = new ConfigureProxy("i-s1", "127.20.1.12", List.of(server(SLAVE_A)));
    private static final String NEW_VOLUME = "vol-new-us-east-1a";

    static Stream<Arguments> stepsBeforeThePivot() {
        List<Arguments> cases = List.of(
                Arguments.of("fence", List.of(RESTORE_PROXY)),
                Arguments.of("proxy", List.of()),
                // while the proxy is tried again the data reaches the candidate: then it is undone
                Arguments.of("proxy (after retries)", List.of(new DetachVolume(NEW_VOLUME, "i-s1"), new DeleteVolume(NEW_VOLUME))),
                Arguments.of("snapshot", List.of(RESTORE_PROXY)),
                Arguments.of("volume", List.of(RESTORE_PROXY)),
                Arguments.of("attach", List.of(new DetachVolume(NEW_VOLUME, "i-s1"), new DeleteVolume(NEW_VOLUME), RESTORE_PROXY)));
        return cases.stream().flatMap(c -> Arrays.stream(new Answer[]{Answer.FAIL_PERMANENTLY, Answer.FAIL_RETRIABLY, Answer.NEVER})
                .filter(answer -> !c.get()[0].equals("proxy") || answer == Answer.FAIL_PERMANENTLY)
                .filter(answer -> !c.get()[0].equals("proxy (after retries)") || answer != Answer.FAIL_PERMANENTLY)
                .map(answer -> Arguments.of(((String) c.get()[0]).split(" ")[0], answer, c.get()[1])));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("stepsBeforeThePivot")
    void beforeThePivotTheCandidatesStepsAreUndoneInReverseAndTheNextCandidateTakesOver(String step, Answer answer,
                                                                                       List<Action> undos) {
        Autopilot pilot = new Autopilot(standardTopology()).answering(Autopilot.step(step), answer);

        pilot.apply(failed("health-1", "i-m1", 1)).until(Autopilot.secondCandidate());

        assertThat(pilot.undos()).as("undo commands, in the order sent").containsExactlyElementsOf(undos);
        assertThat(pilot.events(Event.StepCompensated.class)).hasSize(undos.size());
        assertThat(pilot.events(Event.StepFailed.class)).filteredOn(f -> !f.retriable())
                .extracting(Event.StepFailed::step).containsExactly(step);
        Event.TakeoverStarted second = pilot.events(Event.TakeoverStarted.class).get(1);
        assertThat(second.candidateInstanceId()).isEqualTo("i-s2");
        assertThat(second.reason()).startsWith("candidate i-s1 abandoned: step " + step + " failed");
        assertThat(Fixtures.inFlight(pilot.run.state).abandonedCandidates()).containsExactly("i-s1");
        assertThat(Fixtures.inFlight(pilot.run.state).abortReason()).isNull();

        pilot.until(Autopilot.ended());

        assertThat(pilot.events(Event.TakeoverCompleted.class)).singleElement()
                .satisfies(c -> assertThat(c.newMasterInstanceId()).isEqualTo("i-s2"));
        assertThat(pilot.events(Event.TakeoverFailed.class)).isEmpty();
        assertThat(pilot.run.state.runningMaster().orElseThrow().id()).isEqualTo("i-s2");
        assertThat(pilot.sent).filteredOn(c -> c.action() instanceof Action.StopInstance)
                .as("the failed master is fenced, and again only if that failed").allMatch(c -> c.action().equals(
                        new Action.StopInstance("i-m1", true)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("stepsBeforeThePivot")
    void withoutAnotherCandidateTheTakeoverFailsWithTheEnvironmentAsItWas(String step, Answer answer, List<Action> undos) {
        Autopilot pilot = new Autopilot(topology(1, MASTER, SLAVE_A, UTILITY)).answering(c -> true, answer)
                .answering(Autopilot.step(step), answer);

        pilot.apply(failed("health-1", "i-m1", 1)).until(Autopilot.ended());

        assertThat(pilot.undos()).containsExactlyElementsOf(undos);
        Event.TakeoverFailed failed = pilot.events(Event.TakeoverFailed.class).get(0);
        assertThat(failed.reason()).startsWith("step " + step + " failed").endsWith("no other candidate left (tried i-s1)");
        Environment state = pilot.run.state;
        assertThat(Fixtures.inFlight(state)).isNull();
        assertThat(state.instance("i-s1").orElseThrow()).as("the candidate as it was").isEqualTo(SLAVE_A);
        assertThat(state.instance("i-m1").orElseThrow().status()).isIn(Instance.Status.FAILED, Instance.Status.FENCED);
        assertThat(pilot.events(Event.TakeoverCompleted.class)).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("stepsAfterThePivot")
    void fromThePivotOnAStepIsTriedUntilItSucceeds(String step, Answer answer) {
        Autopilot pilot = new Autopilot(standardTopology()).answering(Autopilot.step(step), answer);

        pilot.apply(failed("health-1", "i-m1", 1))
                .until(events -> events.stream().filter(e -> e instanceof Event.StepStarted s && s.step().equals(step)).count() >= 6);

        assertThat(pilot.undos()).isEmpty();
        assertThat(pilot.events(Event.TakeoverFailed.class)).isEmpty();
        assertThat(pilot.events(Event.StepFailed.class)).filteredOn(f -> f.step().equals(step))
                .allMatch(Event.StepFailed::retriable).hasSizeGreaterThanOrEqualTo(5);
        StepProgress stuck = pilot.run.step(step);
        assertThat(stuck.attempt()).isEqualTo(6);
        assertThat(stuck.commandId()).isEqualTo(TK + "/" + step + "/6");
        assertThat(stuck.since()).as("stuck since its first attempt").isBefore(stuck.startedAt());

        pilot.answering(c -> false, Answer.SUCCEED).until(Autopilot.ended());

        assertThat(pilot.events(Event.TakeoverCompleted.class)).singleElement()
                .satisfies(c -> assertThat(c.newMasterInstanceId()).isEqualTo("i-s1"));
    }

    static Stream<Arguments> stepsAfterThePivot() {
        return Stream.of("pivot", "role", "replacement", "rejoin").flatMap(step ->
                Stream.of(Answer.FAIL_PERMANENTLY, Answer.FAIL_RETRIABLY, Answer.NEVER).map(a -> Arguments.of(step, a)));
    }
}
