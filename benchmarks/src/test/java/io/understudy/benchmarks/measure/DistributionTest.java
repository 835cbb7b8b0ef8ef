package io.understudy.benchmarks.measure;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class DistributionTest {

    @Test
    void percentilesAreNearestRank() {
        List<Long> oneToHundred = LongStream.rangeClosed(1, 100).boxed().toList();
        assertThat(Distribution.of(oneToHundred)).isEqualTo(new Distribution(100, 50, 99, 100));
    }

    @Test
    void orderOfArrivalDoesNotMatter() {
        assertThat(Distribution.of(List.of(30L, 10L, 20L))).isEqualTo(new Distribution(3, 20, 30, 30));
    }

    @Test
    void aFewValuesPutP99AtTheLargest() {
        assertThat(Distribution.of(List.of(5L))).isEqualTo(new Distribution(1, 5, 5, 5));
        assertThat(Distribution.of(List.of(1L, 2L))).isEqualTo(new Distribution(2, 1, 2, 2));
    }

    @Test
    void nothingMeasuredIsZeroes() {
        assertThat(Distribution.of(List.of())).isEqualTo(new Distribution(0, 0, 0, 0));
    }
}
