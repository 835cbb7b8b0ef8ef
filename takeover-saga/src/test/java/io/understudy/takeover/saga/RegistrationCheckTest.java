package io.understudy.takeover.saga;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.understudy.takeover.saga.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** A registration is taken in only once the cloud says what it names is the environment's. */
class RegistrationCheckTest {
    private static final Instance STRANGER = new Instance("i-x9", Instance.Role.APP_SLAVE, "127.20.3.14", "us-east-1a",
            STACK, IMAGE, null, Instance.Status.RUNNING);

    @Test
    void aNewEnvironmentHasNoInstancesUntilItsResourcesAreChecked() {
        Decision registered = Saga.decide(null, registered(standardTopology()));

        assertThat(registered.state().instances()).isEmpty();
        assertThat(registered.commands()).singleElement().satisfies(command -> {
            assertThat(command.action()).isEqualTo(new Action.VerifyRegistration(
                    List.of("i-m1", "i-s2", "i-s1", "i-u1"), List.of("vol-master"), "eipalloc-1"));
            assertThat(command.id()).isEqualTo(registered.state().registration().commandId());
        });
    }

    @Test
    void aFailureOfAnInstanceOfARegistrationNotYetCheckedIsNotActedOn() {
        Environment pending = Saga.decide(null, registered(standardTopology())).state();

        Decision decision = Saga.decide(pending, failed("health-1", "i-m1", 1));

        assertThat(decision.commands()).isEmpty();
        assertThat(decision.state().takeovers()).isEmpty();
    }

    @Test
    void aResourceNotTheEnvironmentsRefusesTheRegistrationAndSaysWhoAsked() {
        Run run = new Run(standardTopology());
        run.apply(registered("op-2", 2, topology(2, MASTER, SLAVE_B, SLAVE_A, STRANGER)));

        Decision refused = run.apply(permanentFailure(run.state.registration().commandId(), 3,
                "i-x9 does not carry understudy:environment=" + ENV));

        assertThat(refused.events()).singleElement().isInstanceOfSatisfying(Event.RegistrationRefused.class, event -> {
            assertThat(event.reason()).contains("i-x9");
            assertThat(event.by()).isEqualTo("operator-cli@ops-1");
        });
        assertThat(run.state.instances()).containsExactly(MASTER, SLAVE_B, SLAVE_A, UTILITY);
        assertThat(run.state.registration()).isNull();
    }

    @Test
    void onlyTheResourcesNotYetHeldAreCheckedAndTheEnvironmentKeepsWorkingMeanwhile() {
        Run run = new Run(standardTopology());

        Decision registered = run.apply(registered("op-2", 2, topology(3, MASTER, SLAVE_B, SLAVE_A, STRANGER)));
        assertThat(registered.commands()).singleElement().extracting(Command::action).isInstanceOf(Action.VerifyRegistration.class);
        Decision failure = run.apply(failed("health-1", "i-s2", 3));

        assertThat(failure.state().takeovers()).hasSize(1);
        assertThat(run.state.requiredCapacity()).isEqualTo(2);
    }

    @Test
    void aRegistrationNamingNothingNewIsTakenInWithoutACheck() {
        Run run = new Run(standardTopology());

        Decision decision = run.apply(registered("op-2", 2, topology(4, MASTER, SLAVE_B, SLAVE_A, UTILITY)));

        assertThat(decision.commands()).isEmpty();
        assertThat(decision.state().requiredCapacity()).isEqualTo(4);
    }

    @Test
    void aCheckThatCouldNotBeMadeIsSentAgainAfterAWait() {
        Environment pending = Saga.decide(null, registered(standardTopology())).state();
        String first = pending.registration().commandId();

        Environment waiting = Saga.decide(pending, failedResult(first, 1, "RequestLimitExceeded")).state();
        Decision tooEarly = Saga.decide(waiting, tick(2));
        Decision again = Saga.decide(waiting, tick(3));

        assertThat(tooEarly.commands()).isEmpty();
        assertThat(again.commands()).singleElement().satisfies(command ->
                assertThat(command.id()).isEqualTo(first.replace("/verify/1", "/verify/2")));
        assertThat(Saga.decide(again.state(), verified(again.state(), 4)).state().instances()).hasSize(4);
    }

    @Test
    void aCheckNeverAnsweredIsSentAgain() {
        Environment pending = Saga.decide(null, registered(standardTopology())).state();

        Environment waiting = Saga.decide(pending, tick((int) Registrations.CHECK_TIMEOUT.toSeconds())).state();
        Decision again = Saga.decide(waiting, tick((int) Registrations.CHECK_TIMEOUT.toSeconds() + 2));

        assertThat(again.commands()).singleElement().extracting(Command::action).isInstanceOf(Action.VerifyRegistration.class);
    }

    @Test
    void aCheckThatCannotBeMadeAtAllEndsInARefusal() {
        Environment state = Saga.decide(null, registered(standardTopology())).state();
        List<Event> told = new java.util.ArrayList<>();
        for (int second = 1; state.registration() != null && second < 3600; second++) {
            Decision decision = state.registration().retryAt() == null
                    ? Saga.decide(state, failedResult(state.registration().commandId(), second, "throttled"))
                    : Saga.decide(state, tick(second));
            told.addAll(decision.events());
            state = decision.state();
        }

        assertThat(told).singleElement().isInstanceOfSatisfying(Event.RegistrationRefused.class,
                event -> assertThat(event.reason()).contains("10 attempts"));
        assertThat(state.instances()).isEmpty();
    }

    @Test
    void aRegistrationDuringATakeoverIsRefusedAtOnce() {
        Run run = new Run(standardTopology());
        run.apply(failed("health-1", "i-m1", 1));

        Decision decision = run.apply(registered("op-2", 2, topology(5, MASTER)));

        assertThat(decision.commands()).isEmpty();
        assertThat(decision.events()).singleElement().isInstanceOf(Event.RegistrationRefused.class);
        assertThat(run.state.requiredCapacity()).isEqualTo(2);
    }

    @Test
    void aTakeoverThatBeganDuringTheCheckRefusesTheRegistration() {
        Run run = new Run(standardTopology());
        run.apply(registered("op-2", 2, topology(2, MASTER, SLAVE_B, SLAVE_A, STRANGER)));
        String check = run.state.registration().commandId();
        run.apply(failed("health-1", "i-m1", 3));

        Decision decision = run.apply(verified(run.state, 4));

        assertThat(decision.events()).singleElement().isInstanceOf(Event.RegistrationRefused.class);
        assertThat(run.state.instances()).doesNotContain(STRANGER);
        assertThat(check).isNotNull();
    }

    @Test
    void aLaterRegistrationReplacesOneStillBeingCheckedAndTheOldAnswerIsIgnored() {
        Run run = new Run(standardTopology());
        run.apply(registered("op-2", 2, topology(2, MASTER, SLAVE_B, SLAVE_A, STRANGER)));
        String stale = run.state.registration().commandId();
        run.apply(registered("op-3", 3, topology(7, MASTER, SLAVE_B, SLAVE_A, STRANGER)));

        Decision late = run.apply(succeeded(stale, 4, Map.of()));
        assertThat(late.state().requiredCapacity()).isEqualTo(2);

        run.apply(verified(run.state, 5));
        assertThat(run.state.requiredCapacity()).isEqualTo(7);
        assertThat(run.state.instances()).contains(STRANGER);
    }
}
