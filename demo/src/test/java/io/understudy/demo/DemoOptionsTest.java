package io.understudy.demo;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoOptionsTest {
    @Test
    void defaultsWriteUnderTargetAndStopEverything() {
        DemoOptions options = DemoOptions.parse(List.of());

        assertThat(options.summary()).isEqualTo(Path.of("target/demo/summary.json").toAbsolutePath());
        assertThat(options.picture().getFileName()).hasToString("timeline.svg");
        assertThat(options.keep()).isFalse();
    }

    @Test
    void flagsAreRead() {
        DemoOptions options = DemoOptions.parse(List.of("--summary", "out/s.json", "--keep", "--clients", "2", "--warmup", "5"));

        assertThat(options.summary()).isEqualTo(Path.of("out/s.json").toAbsolutePath());
        assertThat(options.picture()).isEqualTo(Path.of("out/timeline.svg").toAbsolutePath());
        assertThat(options.keep()).isTrue();
        assertThat(options.clients()).isEqualTo(2);
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--clients", "many"))).hasMessageContaining("--clients must be a whole number");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--summary"))).hasMessageContaining("--summary needs a value");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--frobnicate"))).hasMessageContaining("unexpected argument --frobnicate");
    }
}
