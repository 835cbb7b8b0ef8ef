package io.understudy.demo.takeover;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TakeoverTimelineTest {
    private final TakeoverTimeline timeline = new TakeoverTimeline();

    @Test
    void aStepLastsFromItsStartToItsEnd() {
        timeline.apply(new TakeoverNews.StepBegan(1_000, "fence", 1));
        timeline.apply(new TakeoverNews.StepEnded(1_450, "fence", 1, 1_000, StepOutcome.SUCCEEDED, ""));

        assertThat(timeline.steps()).containsExactly(new StepSpan("fence", 1, 1_000, 1_450, StepOutcome.SUCCEEDED));
        assertThat(timeline.duration("fence", 1)).hasValue(450);
    }

    @Test
    void aStepStillRunningHasNoDurationYet() {
        timeline.apply(new TakeoverNews.StepBegan(1_000, "snapshot", 1));

        assertThat(timeline.steps()).singleElement().satisfies(s -> assertThat(s.ended()).isFalse());
        assertThat(timeline.duration("snapshot", 1)).isEmpty();
    }

    @Test
    void anEndWhoseStartWasMissedStillShowsItsDurationFromTheReportedStart() {
        timeline.apply(new TakeoverNews.StepEnded(2_000, "pivot", 1, 1_800, StepOutcome.SUCCEEDED, ""));

        assertThat(timeline.duration("pivot", 1)).hasValue(200);
    }

    @Test
    void retriesAreSeparateAttempts() {
        timeline.apply(new TakeoverNews.StepBegan(1_000, "proxy", 1));
        timeline.apply(new TakeoverNews.StepEnded(1_100, "proxy", 1, 1_000, StepOutcome.FAILED, "refused"));
        timeline.apply(new TakeoverNews.StepBegan(1_200, "proxy", 2));
        timeline.apply(new TakeoverNews.StepEnded(1_500, "proxy", 2, 1_200, StepOutcome.SUCCEEDED, ""));

        assertThat(timeline.steps()).extracting(StepSpan::attempt, StepSpan::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, StepOutcome.FAILED),
                        org.assertj.core.groups.Tuple.tuple(2, StepOutcome.SUCCEEDED));
    }

    @Test
    void theFirstDetectionAndTheFirstEndCountDuplicatesDoNot() {
        timeline.apply(new TakeoverNews.FailureDetected(500, "i-1", true, "probe failed"));
        timeline.apply(new TakeoverNews.FailureDetected(700, "i-1", false, "failed"));
        timeline.apply(new TakeoverNews.FailureDetected(900, "i-1", false, "failed again"));
        timeline.apply(new TakeoverNews.TakeoverEnded(3_000, true, "i-2", "i-9", null));
        timeline.apply(new TakeoverNews.TakeoverEnded(4_000, true, "i-3", "i-8", null));

        assertThat(timeline.suspectedAt()).hasValue(500);
        assertThat(timeline.detectedAt()).hasValue(700);
        assertThat(timeline.ended()).get().extracting(TakeoverNews.TakeoverEnded::newMasterInstanceId).isEqualTo("i-2");
    }
}
