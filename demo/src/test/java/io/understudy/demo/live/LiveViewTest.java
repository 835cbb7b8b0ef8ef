package io.understudy.demo.live;

import io.understudy.demo.takeover.StepOutcome;
import io.understudy.demo.takeover.TakeoverNews;
import io.understudy.demo.takeover.TakeoverTimeline;
import io.understudy.demo.traffic.Request;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LiveViewTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final LiveView view = new LiveView(new PrintStream(printed, true, StandardCharsets.UTF_8), new TakeoverTimeline());

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eachStepIsShownWhenItStartsAndWithItsDurationWhenItEnds() {
        view.killed("i-master", 10_000);
        view.show(new TakeoverNews.StepBegan(11_000, "fence", 1));
        view.show(new TakeoverNews.StepEnded(11_420, "fence", 1, 11_000, StepOutcome.SUCCEEDED, ""));

        assertThat(output()).contains("+0.000s  master i-master killed")
                .contains("+1.000s    fence        started")
                .contains("+1.420s    fence        succeeded in 0.420s");
    }

    @Test
    void trafficIsReportedOnlyWhenItChangesBetweenFailingAndAnswering() {
        view.killed("i-master", 10_000);
        view.request(new Request(Request.Kind.READ, "k", 10_100, 10_110, 0, false));
        view.request(new Request(Request.Kind.READ, "k", 10_200, 10_210, 0, false));
        view.request(new Request(Request.Kind.READ, "k", 12_000, 12_010, 200, true));
        view.request(new Request(Request.Kind.READ, "k", 12_100, 12_110, 200, true));

        assertThat(output().lines().filter(l -> l.contains("traffic:"))).hasSize(2);
        assertThat(output()).contains("+2.010s  traffic: good responses through the Elastic IP again");
    }

    @Test
    void nothingIsShownBeforeTheKillButTheTimelineStillLearnsIt() {
        TakeoverTimeline timeline = new TakeoverTimeline();
        LiveView quiet = new LiveView(new PrintStream(printed, true, StandardCharsets.UTF_8), timeline);

        quiet.show(new TakeoverNews.StepBegan(1_000, "fence", 1));

        assertThat(output()).isEmpty();
        assertThat(timeline.steps()).hasSize(1);
    }
}
