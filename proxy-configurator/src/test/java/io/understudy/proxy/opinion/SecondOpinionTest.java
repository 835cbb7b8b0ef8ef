package io.understudy.proxy.opinion;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecondOpinionTest {
    private static final String URL = "http://10.0.1.7:8080/health";

    @Test
    void aHealthyAnswerRefutesTheFailureEvenAfterAFailedAttempt() {
        SecondOpinion opinion = SecondOpinion.of(URL, List.of(
                Probe.unanswered("connection refused", Duration.ofMillis(1)), Probe.answered(200, Duration.ofMillis(4))));

        assertThat(opinion.verdict()).isEqualTo(SecondOpinion.Verdict.REFUTED);
        assertThat(opinion.verdict().output()).isEqualTo("refuted");
        assertThat(opinion.evidence()).isEqualTo("GET " + URL + " answers healthy: attempt 1 connection refused after 1 ms; "
                + "attempt 2 answered 200 after 4 ms");
    }

    @Test
    void noHealthyAnswerInEveryAttemptConfirmsIt() {
        SecondOpinion opinion = SecondOpinion.of(URL, List.of(
                Probe.answered(503, Duration.ofMillis(2)), Probe.unanswered("no answer within 1000 ms", Duration.ofMillis(1000))));

        assertThat(opinion.verdict()).isEqualTo(SecondOpinion.Verdict.CONFIRMED);
        assertThat(opinion.verdict().output()).isEqualTo("confirmed");
        assertThat(opinion.evidence()).isEqualTo("GET " + URL + " gave no healthy answer in 2 attempts: attempt 1 answered 503 "
                + "after 2 ms; attempt 2 no answer within 1000 ms after 1000 ms");
    }

    @Test
    void healthyIsAny2xxAsTheHealthMonitorMeansIt() {
        assertThat(List.of(200, 204, 299)).allSatisfy(status -> assertThat(Probe.answered(status, Duration.ZERO).healthy()).isTrue());
        assertThat(List.of(199, 301, 404, 500, 503)).allSatisfy(status ->
                assertThat(Probe.answered(status, Duration.ZERO).healthy()).as("status " + status).isFalse());
        assertThat(Probe.unanswered("connection refused", Duration.ZERO).healthy()).isFalse();
    }

    @Test
    void thereIsNoOpinionWithoutAnAttempt() {
        assertThatThrownBy(() -> SecondOpinion.of(URL, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWorstCaseIsEveryAttemptTimingOutWithThePausesBetween() {
        SecondOpinionSettings settings = new SecondOpinionSettings();

        assertThat(settings.worstCase()).isEqualTo(Duration.ofMillis(2200));
        settings.setAttempts(3);
        settings.setTimeout(Duration.ofMillis(500));
        settings.setBetweenAttempts(Duration.ofMillis(100));
        assertThat(settings.worstCase()).isEqualTo(Duration.ofMillis(1700));
    }

    @Test
    void settingsThatCannotWorkAreRefusedAtStartUp() {
        SecondOpinionSettings settings = new SecondOpinionSettings();

        assertThatThrownBy(() -> settings.setPath("health")).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> settings.setPath("/health now")).hasMessageContaining("no URL path");
        assertThatThrownBy(() -> settings.setTimeout(Duration.ZERO)).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> settings.setAttempts(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> settings.setBetweenAttempts(Duration.ofMillis(-1))).hasMessageContaining("must not be negative");
        assertThat(settings.getPath()).isEqualTo("/health");
    }
}
