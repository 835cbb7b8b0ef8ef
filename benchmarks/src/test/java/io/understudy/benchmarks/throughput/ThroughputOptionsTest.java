package io.understudy.benchmarks.throughput;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThroughputOptionsTest {

    @Test
    void defaultsToAThousandEnvironmentsOnOneTwoAndFourReplicas() {
        assertThat(ThroughputOptions.parse(List.of())).isEqualTo(new ThroughputOptions(1000, List.of(1, 2, 4), 100, false, false));
    }

    @Test
    void aRoundRunsOneReplicaCountWithTheSameFigures() {
        ThroughputOptions options = ThroughputOptions.parse(List.of("--environments", "50", "--replicas", "1, 3", "--warmup", "0"));
        assertThat(options.replicas()).containsExactly(1, 3);
        assertThat(ThroughputOptions.parse(options.roundArguments(3).subList(1, 8)))
                .isEqualTo(new ThroughputOptions(50, List.of(3), 0, true, false));
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> ThroughputOptions.parse(List.of("--replicas", "0"))).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> ThroughputOptions.parse(List.of("--environments"))).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> ThroughputOptions.parse(List.of("--takeovers", "5"))).hasMessageContaining("unknown argument");
    }
}
