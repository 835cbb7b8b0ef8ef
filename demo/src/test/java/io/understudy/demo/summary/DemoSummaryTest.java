package io.understudy.demo.summary;

import io.understudy.demo.takeover.StepOutcome;
import io.understudy.demo.takeover.TakeoverNews;
import io.understudy.demo.takeover.TakeoverTimeline;
import io.understudy.demo.traffic.Request;
import io.understudy.invariants.Report;
import io.understudy.invariants.Sample;
import io.understudy.invariants.Violation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
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

    /** 260 good samples from 5 s before the kill to 8 s after it. */
    static Report invariantsHeld() {
        return new Report(260, 0, 1, Instant.ofEpochMilli(KILL - 5_000), Instant.ofEpochMilli(KILL + 8_000), null, null);
    }

    static TrafficFigures traffic() {
        return TrafficFigures.of(List.of(
                new Request(Request.Kind.WRITE, "a", KILL - 500, KILL - 490, 201, true),
                new Request(Request.Kind.READ, "a", KILL + 100, KILL + 200, 0, false),
                new Request(Request.Kind.READ, "a", KILL + 1_600, KILL + 1_620, 200, true)), KILL);
    }

    @Test
    void figuresAreMeasuredFromTheKill() {
        DemoSummary summary = DemoSummary.of(FACTS, completedTakeover(), traffic(), 0, new Aftermath("i-slave1", 1, "2026.11", 4), invariantsHeld());

        assertThat(summary.detectedAfterMillis()).isEqualTo(800);
        assertThat(summary.takeoverStartedAfterMillis()).isEqualTo(850);
        assertThat(summary.firstGoodResponseAfterMillis()).isEqualTo(1_620);
        assertThat(summary.takeoverCompletedAfterMillis()).isEqualTo(6_000);
        assertThat(summary.failedRequestsDuringWindow()).isEqualTo(1);
        assertThat(summary.steps()).containsExactly(new DemoSummary.Step("fence", 1, 860, 440L, "succeeded"),
                new DemoSummary.Step("pivot", 1, 1_310, 190L, "succeeded"));
        assertThat(summary.invariants()).isEqualTo(new DemoSummary.Invariants(260, 0, -5_000L, 8_000L, null, null));
        assertThat(summary.passed()).as("problems: %s", summary.problems()).isTrue();
        assertThat(SummaryText.lines(summary)).anySatisfy(l -> assertThat(l)
                .contains("invariants").contains("260 samples over 13.0 s (0 failed), no violation  ✔"));
    }

    @Test
    void aBrokenInvariantIsAProblem() {
        Instant at = Instant.ofEpochMilli(KILL + 1_200);
        Violation twoMasters = new Violation(at, 130, "demo-1", "2 instances hold master duties at once: i-master and i-slave1",
                new Sample("demo-1", at, List.of(), "i-master"));
        Report report = new Report(260, 0, 1, Instant.ofEpochMilli(KILL - 5_000), Instant.ofEpochMilli(KILL + 8_000), twoMasters, null);

        DemoSummary summary = DemoSummary.of(FACTS, completedTakeover(), traffic(), 0, new Aftermath("i-slave1", 1, "2026.11", 4), report);

        assertThat(summary.passed()).isFalse();
        assertThat(summary.problems()).singleElement().satisfies(p -> assertThat(p)
                .startsWith("invariant broken in demo-1").contains("2 instances hold master duties at once"));
        assertThat(summary.invariants().violation()).contains("sample 130");
        assertThat(SummaryText.lines(summary)).anySatisfy(l -> assertThat(l).contains("invariants").contains("VIOLATION").endsWith("✘"));
    }

    @Test
    void anInvariantCheckerThatMostlyCouldNotSeeIsAProblem() {
        Report report = new Report(3, 40, 1, Instant.ofEpochMilli(KILL - 100), Instant.ofEpochMilli(KILL + 100), null, "SdkClientException: refused");

        DemoSummary summary = DemoSummary.of(FACTS, completedTakeover(), traffic(), 0, new Aftermath("i-slave1", 1, "2026.11", 4), report);

        assertThat(summary.problems()).singleElement().satisfies(p -> assertThat(p)
                .startsWith("most of the invariant checker's samples failed").contains("refused"));
    }

    @Test
    void everyBrokenPromiseIsAProblem() {
        DemoSummary summary = DemoSummary.of(FACTS, completedTakeover(), traffic(), 2, new Aftermath("i-master", 2, "2026.10", 3), invariantsHeld());

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
        DemoSummary summary = DemoSummary.of(FACTS, new TakeoverTimeline(), traffic(), 0, new Aftermath("i-master", 1, null, 3), invariantsHeld());

        assertThat(summary.problems()).contains("the takeover did not complete");
        assertThat(summary.detectedAfterMillis()).isNull();
    }

    @Test
    void theJsonCarriesTheFiguresAndTheVerdict() throws Exception {
        DemoSummary summary = DemoSummary.of(FACTS, completedTakeover(), traffic(), 0, new Aftermath("i-slave1", 1, "2026.11", 4), invariantsHeld());

        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(SummaryJson.render(summary));

        assertThat(json.path("passed").asBoolean()).isTrue();
        assertThat(json.path("detectedAfterMillis").asLong()).isEqualTo(800);
        assertThat(json.path("acknowledgedWritesLost").asInt()).isZero();
        assertThat(json.path("instancesRunningCron").asInt()).isEqualTo(1);
        assertThat(json.path("spareCapacityRestored").asBoolean()).isTrue();
        assertThat(json.path("replacementOnSameStackVersion").asBoolean()).isTrue();
        assertThat(json.path("steps")).hasSize(2);
        assertThat(json.path("invariants").path("samples").asLong()).isEqualTo(260);
        assertThat(json.path("invariants").path("failedSamples").asLong()).isZero();
        assertThat(json.path("invariants").path("firstSampleAfterMillis").asLong()).isEqualTo(-5_000);
        assertThat(json.path("invariants").path("violation").isNull()).isTrue();
    }
}
