package io.understudy.testing.settings;

import io.understudy.testing.RepositoryRoot;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A default lives in the service's application.yml or in a settings class, never in the code that reads it: a
 * {@code @Value("${key:default}")} would be a second home, silently out of step with the first.
 */
class OneHomeForDefaultsTest {
    private static final Pattern DEFAULT_LITERAL = Pattern.compile("@(Value|Property)\\([^)]*\\$\\{[^}:]+:");

    @Test
    void noMainCodeReadsASettingWithADefaultOfItsOwn() throws IOException {
        Path root = RepositoryRoot.find().orElseThrow();
        try (Stream<Path> files = Files.walk(root)) {
            List<String> literals = files
                    .filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .flatMap(OneHomeForDefaultsTest::defaultLiterals)
                    .toList();
            assertThat(literals).as("settings read with a default literal: move the default to application.yml or"
                    + " the settings class").isEmpty();
        }
    }

    @Test
    void aDefaultLiteralIsFoundAndAPlainKeyIsNot() {
        assertThat(DEFAULT_LITERAL.matcher("@Value(\"${understudy.health.port:8080}\") int port").find()).isTrue();
        assertThat(DEFAULT_LITERAL.matcher("@Value(\"${understudy.schema-registry.url}\") String url").find()).isFalse();
    }

    @Test
    void aReadmeDefaultMatchesItsHomeInTheHomesOwnNotation() {
        assertThat(ConfigurationReference.same("2s", Duration.ofSeconds(2))).isTrue();
        assertThat(ConfigurationReference.same("100ms", "100ms")).isTrue();
        assertThat(ConfigurationReference.same("\"\"", "")).isTrue();
        assertThat(ConfigurationReference.same("[]", List.of())).isTrue();
        assertThat(ConfigurationReference.same("8", 8.0)).isTrue();
        assertThat(ConfigurationReference.same("30s", Duration.ofMinutes(30))).isFalse();
        assertThat(ConfigurationReference.same("gp3", "gp2")).isFalse();
    }

    private static Stream<String> defaultLiterals(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return IntStream.range(0, lines.size())
                    .filter(i -> DEFAULT_LITERAL.matcher(lines.get(i)).find())
                    .mapToObj(i -> file.getFileName() + ":" + (i + 1) + ": " + lines.get(i).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
