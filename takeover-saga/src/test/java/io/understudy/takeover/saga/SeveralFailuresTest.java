package io.understudy.takeover.saga;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.understudy.takeover.saga.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failures come in bursts. An environment of a master and three slaves (capacity 3, so 4 app instances) loses two
 * instances, the second at every point the first one's takeover reaches (after 0, 1, 2, ... answered commands), in
 * each order; and three at once. Every run must end with one master that answers, the address on it, 4 app
 * instances serving and behind its HAProxy, every dead instance fenced, nothing in flight; and the promises must hold
 * at every decision in between (see {@link SimulatedCloud}).
 */
class SeveralFailuresTest {
    private static final Instance MASTER = instance("i-m1", Instance.Role.APP_MASTER, "127.20.1.10", "us-east-1a", "vol-master");
    private static final Instance S1 = instance("i-s1", Instance.Role.APP_SLAVE, "127.20.1.11", "us-east-1a", null);
    private static final Instance S2 = instance("i-s2", Instance.Role.APP_SLAVE, "127.20.2.12", "us-east-1b", null);
    private static final Instance S3 = instance("i-s3", Instance.Role.APP_SLAVE, "127.20.2.13", "us-east-1b", null);
    /** Enough answers to reach every step of the first takeover, and its end. */
    private static final int STEPS_REACHED = 16;

    enum Pair {
        SLAVE_THEN_MASTER("i-s2", "i-m1"),
        MASTER_THEN_SLAVE("i-m1", "i-s2"),
        SLAVE_THEN_SLAVE("i-s2", "i-s3"),
        /** i-s1 is the master takeover's candidate: the lowest id among healthy slaves. */
        MASTER_THEN_CANDIDATE("i-m1", "i-s1"),
        /** The master fails; then its candidate, and at the same moment another slave, the next candidate. */
        CANDIDATE_THEN_ANOTHER_SLAVE("i-m1", "i-s1", "i-s2");

        final String first;
        final String[] then;

        Pair(String first, String... then) {
            this.first = first;
            this.then = then;
        }
    }

    static Stream<Arguments> everyPairAtEveryStep() {
        List<Arguments> cases = new ArrayList<>();
        for (Pair pair : Pair.values()) {
            IntStream.rangeClosed(0, STEPS_REACHED).forEach(n -> cases.add(Arguments.of(pair, n)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, the second after {1} answers")
    @MethodSource("everyPairAtEveryStep")
    void theMasterIsTakenOverAndCapacityRestoredWhateverTheOrder(Pair pair, int answers) {
        SimulatedCloud cloud = new SimulatedCloud(topology(3, MASTER, S1, S2, S3));

        cloud.kill(pair.first).killAfter(answers, pair.then).settle();

        assertRecovered(cloud, concat(pair.first, pair.then));
    }

    static Stream<Arguments> threeAtOnce() {
        return Stream.of(
                Arguments.of((Object) new String[]{"i-m1", "i-s1", "i-s2"}),
                Arguments.of((Object) new String[]{"i-s1", "i-s2", "i-m1"}),
                Arguments.of((Object) new String[]{"i-s1", "i-s2", "i-s3"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("threeAtOnce")
    void threeAtOnce(String[] victims) {
        SimulatedCloud cloud = new SimulatedCloud(topology(3, MASTER, S1, S2, S3));

        cloud.kill(victims).settle();

        assertRecovered(cloud, List.of(victims));
    }

    @ParameterizedTest(name = "the third after {0} answers")
    @MethodSource("steps")
    void threeInARowTheLastAtEveryStep(int answers) {
        SimulatedCloud cloud = new SimulatedCloud(topology(3, MASTER, S1, S2, S3));

        cloud.kill("i-s2").killAfter(2, "i-m1").killAfter(2 + answers, "i-s1").settle();

        assertRecovered(cloud, List.of("i-s2", "i-m1", "i-s1"));
    }

    static IntStream steps() {
        return IntStream.rangeClosed(0, STEPS_REACHED);
    }

    private static void assertRecovered(SimulatedCloud cloud, List<String> killed) {
        assertThat(cloud.broken).as("promises broken during the run").isEmpty();
        Environment state = cloud.run.state;
        assertThat(state.takeovers()).as("takeovers left in flight").isEmpty();
        Instance master = cloud.master().orElseThrow(() -> new AssertionError("no running master: " + state.instances()));
        assertThat(killed).as("the new master is none of the dead; what happened:\n%s", cloud.story()).doesNotContain(master.id());
        assertThat(cloud.addressHolder).as("the Elastic IP").isEqualTo(master.id());
        assertThat(cloud.roleTags.get(master.id())).as("the new master's role tag").isEqualTo(Instance.Role.APP_MASTER);
        assertThat(cloud.servingAppInstances()).as("app instances serving (N+1 = 4)").hasSize(4).contains(master.id());
        assertThat(cloud.proxies.get(master.id())).as("the master's HAProxy").isNotNull();
        assertThat(cloud.proxies.get(master.id()).servers()).as("servers behind the master's HAProxy")
                .containsExactlyInAnyOrderElementsOf(cloud.servingAppInstances());
        for (String dead : killed) {
            assertThat(state.instance(dead).orElseThrow().status()).as("status of the dead " + dead)
                    .isIn(Instance.Status.FENCED, Instance.Status.TERMINATED);
            assertThat(cloud.roleTags.get(dead)).as("role tag of the dead " + dead).isEqualTo(Instance.Role.FENCED);
        }
        assertThat(cloud.events(Event.TakeoverCompleted.class)).as("one completion per dead instance")
                .hasSize(killed.size());
        assertThat(cloud.events(Event.TakeoverFailed.class)).as("takeovers that failed: the plan changes, it does not fail")
                .isEmpty();
        assertThat(cloud.events(Event.StepFailed.class)).as("steps that waited on a dead HAProxy")
                .noneMatch(f -> f.reason().startsWith("cannot reach"));
    }

    private static List<String> concat(String first, String[] then) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(then));
        return all;
    }
}
