package io.understudy.ec2;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class Ec2FailureTest {

    @Test
    void becomesAnOutcomeWithItsClassItsWordsAndItsCode() {
        Ec2Failure failure = Ec2Failure.of(true, "RequestLimitExceeded", "cannot stop i-1: RequestLimitExceeded: slow down");

        List<Object> parts = failure.into((retriable, error, outputs) -> List.of(retriable, error, outputs));

        assertThat(parts).containsExactly(
                true, "cannot stop i-1: RequestLimitExceeded: slow down", Map.of("errorCode", "RequestLimitExceeded"));
    }

    @Test
    void withoutACodeItHasNoOutputs() {
        assertThat(Ec2Failure.of(false, "", "cannot stop i-1: gone").outputs()).isEmpty();
        assertThat(Ec2Failure.of(false, "", "cannot stop i-1: gone").kind()).isEqualTo(Ec2Errors.Kind.PERMANENT);
    }
}
