package io.understudy.takeover.saga;

import org.junit.jupiter.api.Test;

import java.util.Map;

import java.util.List;

import static io.understudy.takeover.saga.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistrationAndPlanTest {

    @Test
    void aFirstRegistrationCreatesTheEnvironmentAtRevisionOneWithItsInstancesOnceChecked() {
        Decision registered = Saga.decide(null, registered(standardTopology()));
        Decision checked = Saga.decide(registered.state(), verified(registered.state(), 1));

        assertThat(registered.state().revision()).isEqualTo(1);
        assertThat(registered.state().updatedAt()).isEqualTo(T0);
        assertThat(checked.commands()).isEmpty();
        assertThat(checked.events()).isEmpty();
        assertThat(checked.state().revision()).isEqualTo(2);
        assertThat(checked.state().instances()).containsExactly(MASTER, SLAVE_B, SLAVE_A, UTILITY);
        assertThat(checked.state().registration()).isNull();
    }

    @Test
    void aNewTopologyReplacesTheOldOneAndMovesTheRevisionOn() {
        Run run = new Run(standardTopology());

        Decision decision = run.apply(registered("op-2", 5, topology(3, MASTER, SLAVE_A)));

        assertThat(decision.state().revision()).isEqualTo(3);
        assertThat(decision.state().updatedAt()).isEqualTo(at(5));
        assertThat(decision.state().requiredCapacity()).isEqualTo(3);
        assertThat(decision.state().instances()).containsExactly(MASTER, SLAVE_A);
    }

    @Test
    void theCandidateIsTheRunningSlaveWithTheLowestIdOnTheStackVersion() {
        Instance older = new Instance("i-s0", Instance.Role.APP_SLAVE, "127.20.1.9", "us-east-1a", "2023.9", IMAGE,
                null, Instance.Status.RUNNING);
        Environment environment = topology(2, MASTER, SLAVE_B, older, SLAVE_A);

        assertThat(Candidates.choose(environment)).contains(SLAVE_A);
        assertThat(Candidates.choose(environment.updateInstance("i-s1", i -> i.withStatus(Instance.Status.FAILED))))
                .contains(SLAVE_B);
    }

    @Test
    void aPlanRefusesAStepBeforeTheStepsItWaitsFor() {
        assertThatThrownBy(() -> new Plan(Takeover.Kind.MASTER_TAKEOVER, List.of(
                Step.step("pivot", c -> null).after("fence"), Step.step("fence", c -> null))))
                .hasMessageContaining("pivot");
    }

    @Test
    void stepsCreatingResourcesDeclareHowToUndoThem() {
        Run run = new Run(standardTopology());
        String tk = TakeoverIds.takeover(ENV, "health-1");
        run.apply(failed("health-1", "i-m1", 1));
        run.apply(confirmed(tk + "/corroborate/1", 1));
        run.apply(succeeded(tk + "/fence/1", 2, java.util.Map.of()));
        run.apply(succeeded(tk + "/snapshot/1", 3, java.util.Map.of("snapshotId", "snap-1")));
        run.apply(succeeded(tk + "/volume/1", 4, java.util.Map.of("volumeId", "vol-new")));
        StepContext context = new StepContext(run.state, tk);

        assertThat(TakeoverPlans.MASTER_TAKEOVER.step("volume").undo(context, run.step("volume").output()))
                .contains(new Action.DeleteVolume("vol-new"));
        assertThat(TakeoverPlans.MASTER_TAKEOVER.step("attach").undo(context, null))
                .contains(new Action.DetachVolume("vol-new", "i-s1"));
        assertThat(TakeoverPlans.MASTER_TAKEOVER.step("fence").undo(context, null)).isEmpty();
    }

    @Test
    void commandIdsNameTakeoverStepAndAttempt() {
        assertThat(TakeoverIds.command("takeover-x", "fence", 2)).isEqualTo("takeover-x/fence/2");
    }
}
