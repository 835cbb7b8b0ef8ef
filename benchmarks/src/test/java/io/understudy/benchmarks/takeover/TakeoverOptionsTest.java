package io.understudy.benchmarks.takeover;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TakeoverOptionsTest {

    @Test
    void defaultsToAThousandTakeovers() {
        assertThat(TakeoverOptions.parse(List.of())).isEqualTo(new TakeoverOptions(1000, 100, 1000, false));
    }

    @Test
    void takesEachOption() {
        assertThat(TakeoverOptions.parse(List.of("--takeovers", "200", "--warmup", "0", "--hops", "50")))
                .isEqualTo(new TakeoverOptions(200, 0, 50, false));
        assertThat(TakeoverOptions.parse(List.of("--help")).help()).isTrue();
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> TakeoverOptions.parse(List.of("--takeovers"))).hasMessageContaining("needs a number");
        assertThatThrownBy(() -> TakeoverOptions.parse(List.of("--takeovers", "0"))).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> TakeoverOptions.parse(List.of("--fast"))).hasMessageContaining("unknown argument");
    }
}
