package io.understudy.demo.kafka;

import io.understudy.contract.EventMetadata;
import io.understudy.contract.InstanceFailed;
import io.understudy.contract.TakeoverCompleted;
import io.understudy.contract.TakeoverKind;
import io.understudy.contract.TakeoverStepSucceeded;
import io.understudy.demo.takeover.StepOutcome;
import io.understudy.demo.takeover.TakeoverNews;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NewsTranslatorTest {
    private static EventMetadata meta(long at) {
        return EventMetadata.newBuilder().setEventId("e").setEnvironmentId("env").setTakeoverId("t")
                .setOccurredAt(Instant.ofEpochMilli(at)).setProducer("test").build();
    }

    @Test
    void aSucceededStepKeepsItsStartAndEnd() {
        TakeoverStepSucceeded event = TakeoverStepSucceeded.newBuilder().setMeta(meta(2_000)).setStep("pivot").setAttempt(1)
                .setCommandId("c").setStartedAt(Instant.ofEpochMilli(1_700)).setOutputs(Map.of("instance", "i-2")).build();

        assertThat(NewsTranslator.translate(event)).contains(
                new TakeoverNews.StepEnded(2_000, "pivot", 1, 1_700, StepOutcome.SUCCEEDED, "{instance=i-2}"));
    }

    @Test
    void aFailedInstanceIsADetection() {
        InstanceFailed event = InstanceFailed.newBuilder().setMeta(meta(900)).setInstanceId("i-1").setReason("phi 9.2")
                .setConsecutiveFailures(3).setObserver("hm").build();

        assertThat(NewsTranslator.translate(event)).contains(new TakeoverNews.FailureDetected(900, "i-1", false, "phi 9.2"));
    }

    @Test
    void completionNamesTheNewMasterAndTheReplacement() {
        TakeoverCompleted event = TakeoverCompleted.newBuilder().setMeta(meta(5_000)).setKind(TakeoverKind.MASTER_TAKEOVER)
                .setStartedAt(Instant.ofEpochMilli(1_000)).setNewMasterInstanceId("i-2").setReplacementInstanceId("i-9").build();

        assertThat(NewsTranslator.translate(event)).contains(new TakeoverNews.TakeoverEnded(5_000, true, "i-2", "i-9", null));
    }
}
