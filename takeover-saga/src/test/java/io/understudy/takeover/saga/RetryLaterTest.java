package io.understudy.takeover.saga;

import org.junit.jupiter.api.Test;

import static io.understudy.takeover.saga.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** A failure whose takeover could not be done is not dropped: it is tried again. */
class RetryLaterTest {

    @Test
    void aMasterTakeoverThatFailedForEveryCandidateIsTriedAgainLater() {
        Autopilot pilot = new Autopilot(standardTopology())
                .answering(c -> c.action() instanceof Action.AttachVolume && c.id().split("/").length == 3,
                        Autopilot.Answer.FAIL_PERMANENTLY);

        pilot.apply(failed("health-1", "i-m1", 1)).until(Autopilot.ended());
        assertThat(pilot.run.state.deferred()).containsKey("i-m1");
        assertThat(pilot.run.state.instance("i-m1").orElseThrow().status()).as("fenced, and still to be taken over")
                .isEqualTo(Instance.Status.FENCED);

        pilot.answering(c -> false, Autopilot.Answer.SUCCEED)
                .until(events -> events.stream().anyMatch(e -> e instanceof Event.TakeoverCompleted));

        assertThat(pilot.events(Event.TakeoverStarted.class)).extracting(Event.TakeoverStarted::reason)
                .contains("tried again after an earlier takeover failed");
        assertThat(pilot.run.state.runningMaster()).isPresent();
        assertThat(pilot.run.state.deferred()).isEmpty();
    }

    @Test
    void aMasterWithoutACandidateWaitsSilentlyAndIsTakenOverOnceOneBoots() {
        Instance oldStack = new Instance("i-s3", Instance.Role.APP_SLAVE, "127.20.1.14", "us-east-1a", "2023.9", IMAGE,
                null, Instance.Status.RUNNING);
        SimulatedCloud cloud = new SimulatedCloud(topology(1, MASTER, SLAVE_A, oldStack));

        cloud.kill("i-s1").kill("i-m1").settle();

        assertThat(cloud.events(Event.TakeoverFailed.class)).as("said once").singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo("no healthy app slave on stack version 2024.1"));
        assertThat(cloud.broken).isEmpty();
        assertThat(cloud.master()).as("the replacement of i-s1, booted on the stack version, took over").isPresent()
                .hasValueSatisfying(m -> assertThat(m.id()).startsWith("i-new"));
        assertThat(cloud.addressHolder).isEqualTo(cloud.master().orElseThrow().id());
        assertThat(cloud.run.state.takeovers()).isEmpty();
    }

    @Test
    void aMasterWhoseOnlyCandidateDiesDuringItsTakeoverIsTakenOverByTheCandidatesReplacement() {
        SimulatedCloud cloud = new SimulatedCloud(topology(1, MASTER, SLAVE_A));

        cloud.kill("i-m1", "i-s1").settle();

        assertThat(cloud.events(Event.TakeoverFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.reason()).startsWith("candidate i-s1 failed"));
        assertThat(cloud.broken).isEmpty();
        assertThat(cloud.master()).hasValueSatisfying(m -> assertThat(m.id()).startsWith("i-new"));
        assertThat(cloud.servingAppInstances()).hasSize(2);
        assertThat(cloud.run.state.takeovers()).isEmpty();
    }
}
