package io.understudy.takeover.saga;

import io.understudy.takeover.saga.Environment.FormerMasterPolicy;
import org.junit.jupiter.api.Test;

import static io.understudy.takeover.saga.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** What becomes of the fenced former master is the environment's choice, carried out as the takeover's last step. */
class FormerMasterPolicyTest {

    private static Autopilot completed(FormerMasterPolicy policy) {
        return new Autopilot(withPolicy(standardTopology(), policy))
                .apply(failed("health-1", "i-m1", 1)).until(Autopilot.ended());
    }

    @Test
    void keptStoppedByDefault() {
        Autopilot pilot = completed(FormerMasterPolicy.KEEP_STOPPED);

        assertThat(pilot.sent).extracting(Command::action)
                .noneMatch(a -> a instanceof Action.TerminateInstance || a.equals(new Action.SetInstanceRole("i-m1", Instance.Role.UTILITY)));
        assertThat(pilot.run.state.instance("i-m1").orElseThrow().status()).isEqualTo(Instance.Status.FENCED);
    }

    @Test
    void terminatedOnceTheNewMasterServes() {
        Autopilot pilot = completed(FormerMasterPolicy.TERMINATE);

        assertThat(pilot.sent.get(pilot.sent.size() - 1).action()).isEqualTo(new Action.TerminateInstance("i-m1"));
        assertThat(pilot.events(Event.TakeoverCompleted.class)).hasSize(1);
        assertThat(pilot.run.state.instance("i-m1").orElseThrow().status()).isEqualTo(Instance.Status.TERMINATED);
    }

    @Test
    void keptAsAUtilityInstanceTaggedSoBeforeItIsStartedAgain() {
        Autopilot pilot = completed(FormerMasterPolicy.KEEP_AS_UTILITY);

        assertThat(pilot.sent.subList(pilot.sent.size() - 2, pilot.sent.size())).extracting(Command::action).containsExactly(
                new Action.SetInstanceRole("i-m1", Instance.Role.UTILITY), new Action.StartInstance("i-m1", null));
        assertThat(pilot.events(Event.TakeoverCompleted.class)).hasSize(1);
        Instance former = pilot.run.state.instance("i-m1").orElseThrow();
        assertThat(former.role()).isEqualTo(Instance.Role.UTILITY);
        assertThat(former.status()).isEqualTo(Instance.Status.RUNNING);
    }

    @Test
    void neverStartedAgainUnlessKeptAsAUtility() {
        for (FormerMasterPolicy policy : new FormerMasterPolicy[]{FormerMasterPolicy.KEEP_STOPPED, FormerMasterPolicy.TERMINATE}) {
            assertThat(completed(policy).sent).extracting(Command::action).as(policy.name())
                    .noneMatch(a -> a instanceof Action.StartInstance);
        }
    }
}
