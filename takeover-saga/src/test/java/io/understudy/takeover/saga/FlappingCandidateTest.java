package io.understudy.takeover.saga;

import org.junit.jupiter.api.Test;

import static io.understudy.takeover.saga.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** An instance the health monitor reports as flapping is never promoted to master, until it is stable again. */
class FlappingCandidateTest {
    private final Run run = new Run(standardTopology());

    private static Input.FlappingChanged flapping(String instanceId, boolean flaps, int second) {
        return new Input.FlappingChanged("flap-" + instanceId + "-" + second, at(second), instanceId, flaps);
    }

    @Test
    void aFlappingSlaveIsPassedOverForTheNextOne() {
        run.apply(flapping("i-s1", true, 1));

        Decision decision = run.apply(failed("health-1", "i-m1", 2));

        assertThat(Fixtures.inFlight(decision.state()).candidateInstanceId()).isEqualTo("i-s2");
    }

    @Test
    void aSlaveStableAgainIsACandidateAgain() {
        run.apply(flapping("i-s1", true, 1));
        run.apply(flapping("i-s1", false, 2));

        Decision decision = run.apply(failed("health-1", "i-m1", 3));

        assertThat(Fixtures.inFlight(decision.state()).candidateInstanceId()).isEqualTo("i-s1");
    }

    @Test
    void withEverySlaveFlappingTheTakeoverFailsRatherThanPromoteOne() {
        run.apply(flapping("i-s1", true, 1));
        run.apply(flapping("i-s2", true, 1));

        Decision decision = run.apply(failed("health-1", "i-m1", 2));

        assertThat(Fixtures.inFlight(decision.state())).isNull();
        assertThat(decision.events()).anySatisfy(e -> assertThat(e).isInstanceOf(Event.TakeoverFailed.class));
    }

    @Test
    void flappingIsPartOfTheRecordedStateAndMovesTheRevision() {
        long before = run.state.revision();

        Decision decision = run.apply(flapping("i-s2", true, 1));

        assertThat(decision.state().flapping()).containsExactly("i-s2");
        assertThat(decision.state().revision()).isEqualTo(before + 1);
        assertThat(run.apply(flapping("i-s2", true, 2)).state().revision()).as("a repeated report changes nothing")
                .isEqualTo(before + 1);
    }
}
