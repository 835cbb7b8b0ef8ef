package io.understudy.demo.summary;

import io.understudy.demo.traffic.Request;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrafficFiguresTest {
    private static final long KILL = 10_000;

    private static Request write(long sent, long answered, boolean ok) {
        return new Request(Request.Kind.WRITE, "k" + sent, sent, answered, ok ? 201 : 0, ok);
    }

    private static Request read(long sent, long answered, boolean ok) {
        return new Request(Request.Kind.READ, "k", sent, answered, ok ? 200 : 503, ok);
    }

    @Test
    void theWindowEndsWithTheFirstGoodAnswerToARequestSentAfterTheKill() {
        List<Request> log = List.of(
                write(9_000, 9_010, true),
                read(9_990, 10_020, true),     // sent before the kill: does not end the window
                write(10_100, 12_100, false),
                read(10_200, 10_300, false),
                read(13_000, 13_050, true),    // the first good answer after the kill
                write(13_100, 13_200, false),  // after the window
                write(14_000, 14_010, true));

        TrafficFigures figures = TrafficFigures.of(log, KILL);

        assertThat(figures.firstGoodAnswerAt()).hasValue(13_050);
        assertThat(figures.failedInWindow()).isEqualTo(2);
        assertThat(figures.failed()).isEqualTo(3);
        assertThat(figures.requests()).isEqualTo(7);
        assertThat(figures.writesAcknowledged()).isEqualTo(2);
        assertThat(figures.reads()).isEqualTo(3);
    }

    @Test
    void aRequestServedJustAfterTheKillCallDoesNotEndTheWindowThatFollows() {
        List<Request> log = List.of(
                read(10_005, 10_030, true),    // sent after the kill call, served before the kill took effect
                read(10_040, 10_050, false),   // the outage starts here
                write(10_060, 11_000, false),
                read(12_000, 12_010, true));

        TrafficFigures figures = TrafficFigures.of(log, KILL);

        assertThat(figures.firstGoodAnswerAt()).hasValue(12_010);
        assertThat(figures.failedInWindow()).isEqualTo(2);
    }

    @Test
    void withoutAGoodAnswerAfterTheKillTheWindowNeverCloses() {
        TrafficFigures figures = TrafficFigures.of(List.of(write(9_000, 9_010, true), read(11_000, 11_500, false)), KILL);

        assertThat(figures.firstGoodAnswerAt()).isEmpty();
        assertThat(figures.failedInWindow()).isEqualTo(1);
    }
}
