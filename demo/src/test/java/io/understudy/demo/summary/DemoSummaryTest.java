package io.understudy.demo.summary;

import io.understudy.demo.takeover.StepOutcome;
import io.understudy.demo.takeover.TakeoverNews;
import io.understudy.demo.takeover.TakeoverTimeline;
import io.understudy.demo.traffic.Request;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DemoSummaryTest {
    static final long KILL = 100_000;
    static final DemoSummary.Facts FACTS = new DemoSummary.Facts("demo-1", "2026.11", 3, "i-master", KILL);

    static TakeoverTimeline completedTakeover() {
        TakeoverTimeline timeline = new TakeoverTimeline();
        timeline.apply(new TakeoverNews.FailureDetected(KILL + 800, "i-master", false, "phi over 8"));
        timeline.apply(new TakeoverNews.TakeoverBegan(KILL + 850, "MASTER_TAKEOVER", "i-master", "i-slave1"));
        timeline.apply(new TakeoverNews.StepBegan(KILL + 860, "fence", 1));
        timeline.apply(new TakeoverNews.StepEnded(KILL + 1_300, "fence", 1, KILL + 860, StepOutcome.SUCCEEDED, ""));
        timeline.apply(new TakeoverNews.StepBegan(KILL + 1_310, "pivot", 1));
        timeline.apply(new TakeoverNews.StepEnded(KILL + 1_500, "pivot", 1, KILL + 1_310, StepOutcome.SUCCEEDED, ""));
        timeline.apply(new TakeoverNews.TakeoverEnded(KILL + 6_000, true, "i-slave1", "i-new", null));
        return timeline;
    }

    static TrafficFigures traffic() {
        return TrafficFigures.of(List.of(
                new Request(Request.Kind.WRITE, "a", KILL - 500, KILL - 490, 201, true),
                new Request(Request.Kind.READ, "a", KILL + 100, KILL + 200, 0, false),
                new Request(Request.Kind.READ, "a", KILL + 1_600, KILL + 1_620, 200, true)), KILL);
    }

    @Test
    void figuresAreMeasuredFromTheKill() {
        DemoSummary summary = DemoSummary.of(FACTS, completedTakeover(), traffic(), 0, new Aftermath("i-slave1", 1, "2026.11", 4));

        assertThat(summary.detectedAfterMillis()).isEqualTo(800);
        assertThat(summary.takeoverStartedAfterMillis()).isEqualTo(850);
        assertThat(summary.firstGoodResponseAfterMillis()).isEqualTo(1_620);
        assertThat(summary.takeoverCompletedAfterMillis()).isEqualTo(6_000);
        assertThat(summary.failedRequestsDuringWindow()).isEqualTo(1);
        assertThat(summary.steps()).containsExactly(new DemoSummary.Step("fence", 1, 860, 440L, "succeeded"),
                new DemoSummary.Step("pivot", 1, 1_310, 190L, "succeeded"));
        assertThat(summary.passed()).as("problems: %s", summary.problems()).isTrue();
    }

    @Test
    void everyBrokenPromiseIsAProblem() {
        DemoSummary summary = DemoSummary.of(FACTS, completedTakeover(), traffic(), 2, new Aftermath("i-master", 2, "2026.10", 3));

        assertThat(summary.passed()).isFalse();
        assertThat(summary.problems()).containsExactlyInAnyOrder(
                "2 acknowledged write(s) lost",
                "2 instances run cron, not exactly 1",
                "the Elastic IP is answered by i-master, not the new master i-slave1",
                "the replacement runs stack version 2026.10, not 2026.11",
                "3 app instances run, below capacity 3 plus 1 spare");
    }

    @Test
    void aTakeoverThatNeverEndedIsAProblem() {
        DemoSummary summary = DemoSummary.of(FACTS, new TakeoverTimeline(), traffic(), 0, new Aftermath("i-master", 1, null, 3));

        assertThat(summary.problems()).contains("the takeover did not complete");
        assertThat(summary.detectedAfterMillis()).isNull();
    }

    @Test
    void theJsonCarriesTheFiguresAndTheVerdict() throws Exception {
        DemoSummary summary = DemoSummary.of(FACTS, completedTakeover(), traffic(), 0, new Aftermath("i-slave1", 1, "2026.11", 4));

        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(SummaryJson.render(summary));

        assertThat(json.path("passed").asBoolean()).isTrue();
        assertThat(json.path("detectedAfterMillis").asLong()).isEqualTo(800);
        assertThat(json.path("acknowledgedWritesLost").asInt()).isZero();
        assertThat(json.path("instancesRunningCron").asInt()).isEqualTo(1);
        assertThat(json.path("spareCapacityRestored").asBoolean()).isTrue();
        assertThat(json.path("replacementOnSameStackVersion").asBoolean()).isTrue();
        assertThat(json.path("steps")).hasSize(2);
    }
}
