package io.understudy.benchmarks.measure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TableTest {

    @Test
    void eachIntervalIsInMillisecondsWithItsMultipleOfTheFloor() {
        String table = new Table("floor", new Distribution(1000, 2_000_000, 4_000_000, 9_000_000))
                .add("declared -> completed", new Distribution(200, 10_000_000, 40_000_000, 55_500_000)).toString();
        assertThat(table.lines()).hasSize(3);
        assertThat(table.lines().toList().get(0)).contains("interval", "count", "p50 ms", "p99 ms", "max ms", "p50/floor", "p99/floor");
        assertThat(table.lines().toList().get(1)).contains("floor", "1000", "2.00", "4.00", "9.00", "1.0x");
        assertThat(table.lines().toList().get(2)).contains("declared -> completed", "200", "10.00", "40.00", "55.50", "5.0x", "10.0x");
    }

    @Test
    void noFloorNoRatio() {
        assertThat(Table.ratio(5, 0)).isEqualTo("-");
    }
}
