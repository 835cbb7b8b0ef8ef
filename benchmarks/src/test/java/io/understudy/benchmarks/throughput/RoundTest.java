package io.understudy.benchmarks.throughput;

import io.understudy.benchmarks.measure.Distribution;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RoundTest {
    private static final Round TWO_REPLICAS = new Round(2, 1000, 0, 4_000_000_000L,
            new Distribution(1000, 1_500_000_000L, 3_900_000_000L, 4_000_000_000L), "1.00 0.50 0.25 (1, 5, 15 min) on 2 cores",
            "2.00 1.00 0.50 (1, 5, 15 min) on 2 cores");

    @Test
    void theChildsLineReadsBackAsItsFigures() {
        assertThat(Round.parse(TWO_REPLICAS.line())).contains(TWO_REPLICAS);
        assertThat(Round.parse("starting the broker")).isEmpty();
    }

    @Test
    void takeoversPerSecondAreThoseCompletedOverTheWholeRun() {
        assertThat(TWO_REPLICAS.perSecond()).isEqualTo(250.0);
    }

    @Test
    void oneRowPerReplicaCount() {
        String table = Round.table(List.of(TWO_REPLICAS));
        assertThat(table.lines().toList().get(0)).contains("replicas", "completed", "takeovers/s", "p99 ms");
        assertThat(table.lines().toList().get(1)).contains("2", "1000", "4.00", "250.0", "1500.0", "3900.0");
        assertThat(table).contains("load average, 2 replicas: 1.00 0.50 0.25");
    }
}
