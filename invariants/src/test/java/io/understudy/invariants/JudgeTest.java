package io.understudy.invariants;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JudgeTest {
    static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    static final Duties CRON = new Duties(true);
    static final Duties NO_CRON = new Duties(false);

    static SampledInstance instance(String id, String state, String role) {
        return new SampledInstance(id, state, role, "127.0.0.1", null);
    }

    static SampledInstance says(SampledInstance instance, Duties duties) {
        return new SampledInstance(instance.instanceId(), instance.state(), instance.role(), instance.privateAddress(), duties);
    }

    static Sample sample(String addressHolder, SampledInstance... instances) {
        return new Sample("env-1", T0, List.of(instances), addressHolder);
    }

    static Optional<String> violation(Sample sample, Past before) {
        return Judge.judge(sample, before).violation();
    }

    static Past watchingFrom(String holder) {
        return Past.watchingFrom(holder);
    }

    @Test
    void oneMasterAndItsSlavesKeepEveryPromise() {
        Sample sample = sample("i-master", instance("i-master", "running", "app_master"),
                instance("i-slave1", "running", "app_slave"), instance("i-slave2", "pending", "app_slave"));

        assertThat(violation(sample, watchingFrom("i-master"))).isEmpty();
    }

    @Test
    void twoRunningInstancesTaggedMasterAreTwoMasters() {
        Sample sample = sample("i-a", instance("i-a", "running", "app_master"), instance("i-b", "running", "app_master"));

        assertThat(violation(sample, watchingFrom("i-a"))).hasValueSatisfying(v -> assertThat(v)
                .startsWith("2 instances hold master duties at once")
                .contains("i-a (running, tagged app_master)").contains("i-b (running, tagged app_master)"));
    }

    @Test
    void aPendingInstanceTaggedMasterHoldsDutiesToo() {
        Sample sample = sample("i-a", instance("i-a", "running", "app_master"), instance("i-b", "pending", "app_master"));

        assertThat(violation(sample, watchingFrom("i-a"))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"stopping", "stopped", "shutting-down", "terminated"})
    void aMasterOnItsWayDownOrGoneHoldsNoDuties(String state) {
        Sample sample = sample("i-b", instance("i-a", state, "app_master"), instance("i-b", "running", "app_master"));

        assertThat(violation(sample, new Past("i-b", Set.of("i-a", "i-b")))).isEmpty();
    }

    @Test
    void aCrashedMasterIsStillAMasterUntilFenced() {
        // crashed: EC2 still says running and the instance does not answer; a slave that claims cron is a second master
        SampledInstance crashed = instance("i-a", "running", "app_master");
        SampledInstance slave = says(instance("i-b", "running", "app_slave"), CRON);

        assertThat(violation(sample("i-a", crashed, slave), new Past("i-a", Set.of("i-a"))))
                .hasValueSatisfying(v -> assertThat(v).startsWith("2 instances hold master duties at once")
                        .contains("i-b (running, tagged app_slave, says it runs cron)"));
    }

    @Test
    void twoInstancesThatSayTheyRunCronAreTwoMasters() {
        Sample sample = sample("i-a", says(instance("i-a", "running", "app_slave"), CRON),
                says(instance("i-b", "running", "app_slave"), CRON));

        assertThat(violation(sample, watchingFrom("i-a"))).isPresent();
    }

    @Test
    void theMasterSayingItRunsCronIsOneMaster() {
        Sample sample = sample("i-a", says(instance("i-a", "running", "app_master"), CRON),
                says(instance("i-b", "running", "app_slave"), NO_CRON));

        assertThat(violation(sample, new Past("i-a", Set.of("i-a")))).isEmpty();
    }

    @Test
    void anAccountIsNotSetAgainstAMasterTagThatWasNotThereAtTheReadingBefore() {
        // the account was asked before EC2 was read: a master tagged in between may have come after a fence
        SampledInstance tagged = instance("i-b", "running", "app_master");
        SampledInstance former = says(instance("i-a", "running", "utility"), CRON);

        assertThat(violation(sample("i-b", tagged, former), new Past("i-b", Set.of()))).isEmpty();
        assertThat(violation(sample("i-b", tagged, former), new Past("i-b", Set.of("i-b")))).isPresent();
    }

    @Test
    void slavesThatSayTheyRunNoCronAndUntaggedInstancesHoldNoDuties() {
        Sample sample = sample("i-a", instance("i-a", "running", "app_master"),
                says(instance("i-b", "running", "app_slave"), NO_CRON), instance("i-c", "running", null),
                instance("i-d", "running", "utility"), instance("i-e", "running", "fenced"));

        assertThat(violation(sample, new Past("i-a", Set.of("i-a")))).isEmpty();
        assertThat(sample.toString()).contains("i-c (running, untagged)").contains("i-b (running, tagged app_slave, says it runs no cron)");
    }

    @Test
    void theNextPastHoldsWhereTheAddressIsAndWhoWasMasterByTag() {
        Sample sample = sample("i-b", instance("i-a", "stopped", "app_master"), instance("i-b", "running", "app_master"));

        Past next = Judge.judge(sample, watchingFrom("i-a")).next();

        assertThat(next).isEqualTo(new Past("i-b", Set.of("i-b")));
    }

    @Test
    void aMasterFencedWhileItHoldsTheAddressIsItsTakeoverUnderWay() {
        // the fence comes before the pivot: the address is still on the fenced master until it moves
        Sample fenced = sample("i-a", instance("i-a", "stopped", "fenced"), instance("i-b", "running", "app_slave"));

        assertThat(violation(fenced, watchingFrom("i-a"))).isEmpty();
        assertThat(violation(fenced, new Past("i-a", Set.of("i-a")))).isEmpty();
    }

    @Test
    void theAddressMovedBackOntoTheFencedMasterAfterThePivot() {
        Sample back = sample("i-a", instance("i-a", "stopped", "fenced"), instance("i-b", "running", "app_master"));

        assertThat(violation(back, new Past("i-b", Set.of("i-b")))).hasValue(
                "the Elastic IP moved from i-b onto i-a (stopped, tagged fenced), a fenced instance");
    }

    @Test
    void theAddressMovedOntoARunningInstanceTaggedFenced() {
        Sample sample = sample("i-b", instance("i-a", "running", "app_master"), instance("i-b", "running", "fenced"));

        assertThat(violation(sample, new Past("i-a", Set.of("i-a")))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"stopping", "stopped", "shutting-down", "terminated"})
    void theAddressMovedOntoAnInstanceOnItsWayDownOrGone(String state) {
        Sample sample = sample("i-b", instance("i-a", "running", "app_master"), instance("i-b", state, "app_slave"));

        assertThat(violation(sample, new Past("i-a", Set.of("i-a")))).hasValueSatisfying(v -> assertThat(v).contains("i-b (" + state));
    }

    @Test
    void theAddressAssociatedFromNowhereOntoAFencedInstance() {
        Sample sample = sample("i-a", instance("i-a", "stopped", "fenced"));

        assertThat(violation(sample, watchingFrom(null))).hasValueSatisfying(v -> assertThat(v)
                .startsWith("the Elastic IP was associated with i-a"));
    }

    @Test
    void theAddressMovedOntoAHealthySlaveOrOffEveryInstanceOrOntoOneOutsideTheEnvironment() {
        SampledInstance master = instance("i-a", "stopped", "fenced");
        SampledInstance slave = instance("i-b", "running", "app_slave");

        assertThat(violation(sample("i-b", master, slave), watchingFrom("i-a"))).isEmpty();
        assertThat(violation(sample(null, master, slave), watchingFrom("i-a"))).isEmpty();
        assertThat(violation(sample("i-elsewhere", master, slave), watchingFrom("i-a"))).isEmpty();
        assertThat(Judge.judge(sample(null, master, slave), watchingFrom("i-a")).next().addressHolder()).isNull();
    }

    @Test
    void aCorrectTakeoverKeepsEveryPromiseSampleBySample() {
        List<Sample> takeover = List.of(
                sample("i-a", instance("i-a", "running", "app_master"), instance("i-b", "running", "app_slave")),
                // crashed: still running in EC2, no answer; then fenced: tagged, stopping, stopped
                sample("i-a", instance("i-a", "running", "fenced"), instance("i-b", "running", "app_slave")),
                sample("i-a", instance("i-a", "stopping", "fenced"), instance("i-b", "running", "app_slave")),
                sample("i-a", instance("i-a", "stopped", "fenced"), instance("i-b", "running", "app_slave")),
                // the pivot, then the role, then a replacement
                sample("i-b", instance("i-a", "stopped", "fenced"), instance("i-b", "running", "app_slave")),
                sample("i-b", instance("i-a", "stopped", "fenced"), says(instance("i-b", "running", "app_master"), CRON)),
                sample("i-b", instance("i-a", "stopped", "fenced"), says(instance("i-b", "running", "app_master"), CRON),
                        instance("i-c", "pending", "app_slave")));

        assertThat(judgeAll(takeover, watchingFrom("i-a"))).containsOnly(Optional.empty());
    }

    @Test
    void theNewMasterTaggedBeforeTheFenceIsCaughtAtThatSample() {
        List<Sample> takeover = List.of(
                sample("i-a", instance("i-a", "running", "app_master"), instance("i-b", "running", "app_slave")),
                sample("i-a", instance("i-a", "running", "app_master"), instance("i-b", "running", "app_master")),
                sample("i-a", instance("i-a", "stopped", "fenced"), instance("i-b", "running", "app_master")));

        List<Optional<String>> verdicts = judgeAll(takeover, watchingFrom("i-a"));

        assertThat(verdicts.get(0)).isEmpty();
        assertThat(verdicts.get(1)).isPresent();
        assertThat(verdicts.get(2)).isEmpty();
    }

    @Test
    void aSecondTakeoverInTheSameEnvironmentFencesTheMasterHoldingTheAddress() {
        List<Sample> twoTakeovers = List.of(
                sample("i-a", instance("i-a", "stopped", "fenced"), instance("i-b", "running", "app_master")),
                sample("i-b", instance("i-a", "stopped", "fenced"), instance("i-b", "running", "app_master")),
                sample("i-b", instance("i-a", "stopped", "fenced"), instance("i-b", "stopped", "fenced"),
                        instance("i-c", "running", "app_slave")),
                sample("i-c", instance("i-a", "stopped", "fenced"), instance("i-b", "stopped", "fenced"),
                        instance("i-c", "running", "app_master")));

        assertThat(judgeAll(twoTakeovers, watchingFrom("i-a"))).containsOnly(Optional.empty());
    }

    @Test
    void anInstanceWithoutIdOrStateIsRefused() {
        assertThatThrownBy(() -> new SampledInstance(" ", "running", "app_master", null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SampledInstance("i-a", null, "app_master", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("i-a");
    }

    private static List<Optional<String>> judgeAll(List<Sample> samples, Past start) {
        List<Optional<String>> verdicts = new ArrayList<>();
        Past past = start;
        for (Sample sample : samples) {
            Judge.Verdict verdict = Judge.judge(sample, past);
            verdicts.add(verdict.violation());
            past = verdict.next();
        }
        return verdicts;
    }
}
