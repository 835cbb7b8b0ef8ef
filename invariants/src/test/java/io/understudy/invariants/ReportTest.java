package io.understudy.invariants;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {
    static final Instant FIRST = Instant.parse("2026-11-02T10:00:00Z");
    static final Instant LAST = FIRST.plusMillis(61_700);

    @Test
    void theLineCountsSamplesEnvironmentsTheSpanAndFailures() {
        Report report = new Report(1_234, 0, 1, FIRST, LAST, null, null);

        assertThat(report.line()).isEqualTo("invariant checker: 1,234 samples of 1 environment over 61.7 s (0 failed), no violation");
        assertThat(new Report(12, 3, 4, FIRST, LAST, null, null).line()).contains("of 4 environments").contains("(3 failed)");
        assertThat(report.problem()).isEmpty();
    }

    @Test
    void aViolationIsTheProblemAndInTheLine() {
        Sample seen = new Sample("env-1", LAST, List.of(), "i-a");
        Violation violation = new Violation(LAST, 17, "env-1", "2 instances hold master duties at once", seen);
        Report report = new Report(20, 0, 1, FIRST, LAST, violation, null);

        assertThat(report.line()).endsWith("VIOLATION in env-1: 2 instances hold master duties at once");
        assertThat(report.problem()).hasValueSatisfying(p -> assertThat(p).contains("in env-1").contains("sample 17")
                .contains("Elastic IP on i-a"));
    }

    @Test
    void noSampleOrMostlyFailedSamplesProveNothing() {
        assertThat(new Report(0, 0, 1, null, null, null, null).problem()).hasValueSatisfying(p ->
                assertThat(p).startsWith("the invariant checker took no sample"));
        assertThat(new Report(0, 0, 1, null, null, null, null).span()).isZero();
        assertThat(new Report(10, 11, 1, FIRST, LAST, null, "Ec2Exception: Unavailable").problem()).hasValueSatisfying(p ->
                assertThat(p).startsWith("most of the invariant checker's samples failed").contains("11 failed")
                        .contains("the last: Ec2Exception: Unavailable"));
        assertThat(new Report(10, 10, 1, FIRST, LAST, null, null).problem()).isEmpty();
    }
}
