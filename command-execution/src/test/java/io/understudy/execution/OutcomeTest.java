package io.understudy.execution;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeTest {

    @Test
    void aFailureWithOutputsIsNoSuccessAndKeepsWhatItWasGiven() {
        Outcome failed = Outcome.failed(true, "cannot attach vol-1 to i-2: RequestLimitExceeded: slow down",
                Map.of("errorCode", "RequestLimitExceeded"));

        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.retriable()).isTrue();
        assertThat(failed.error()).isEqualTo("cannot attach vol-1 to i-2: RequestLimitExceeded: slow down");
        assertThat(failed.outputs()).containsEntry("errorCode", "RequestLimitExceeded");
    }
}
