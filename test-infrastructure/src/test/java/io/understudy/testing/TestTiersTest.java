package io.understudy.testing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the fast tier honest: a {@code *Test} class (Surefire, {@code ./understudy test --fast}) starts nothing
 * outside the test JVM, neither itself nor through a helper of its module's test sources; what starts a broker, the
 * registry, moto, HAProxy, the sandbox or any process is an {@code *IT} (Failsafe). A source check, not proof: it
 * finds the suite's ways of starting things (see docs/testing.md), not every conceivable one.
 */
class TestTiersTest {
    /** What starts something outside the JVM (or the suite's shared broker and registry), as it reads in a test. */
    static final List<String> STARTS = List.of("Infrastructure.get(", "MotoServer", "HaproxyProcess", "ServiceProcess",
            "AppInstance.start", "KafkaBroker.start", "EmbeddedSchemaRegistry.start", "LocalHaproxy.start",
            "Sandbox.start", "new ProcessBuilder(", "Runtime.getRuntime().exec(");

    /** Comments and string literals, left to right, so that neither a mention nor a "//" in a string counts. */
    private static final Pattern COMMENTS_AND_STRINGS = Pattern.compile(
            "\"\"\"[\\s\\S]*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])*'|/\\*[\\s\\S]*?\\*/|//[^\\n]*");
    private static final Pattern TEST_CLASS = Pattern.compile("@(Test|ParameterizedTest|RepeatedTest|TestFactory)\\b"
            + "|\\bclass\\s+\\w+\\s+extends\\s+\\w+");

    @Test
    void noUnitTestOfTheRepositoryStartsABrokerMotoHaproxyOrAProcess() {
        Path root = RepositoryRoot.find().orElseThrow(() -> new IllegalStateException("no repository root above "
                + Path.of("").toAbsolutePath()));

        Map<Path, List<String>> misplaced = unitTestsThatStartSomething(root);

        assertThat(misplaced).as("*Test classes (Surefire, the fast tier) that start something outside the JVM: "
                + "rename them *IT (Failsafe; the module's pom declares maven-failsafe-plugin), see docs/testing.md")
                .isEmpty();
    }

    @Test
    void findsWhatATestStartsItselfOrThroughAHelperAndLeavesItsAndCommentsAlone() throws IOException {
        Path root = Files.createDirectories(Path.of("target", "test-tiers"));
        Path tests = root.resolve("module/src/test/java/x");
        Files.createDirectories(tests);
        Files.writeString(tests.resolve("BrokerTest.java"), "class BrokerTest { @Test void t() { Infrastructure.get(); } }");
        Files.writeString(tests.resolve("Cloud.java"), "final class Cloud { static void up() { new ProcessBuilder(\"moto\"); } }");
        Files.writeString(tests.resolve("Fleet.java"), "final class Fleet { static void up() { Cloud.up(); } }");
        Files.writeString(tests.resolve("FleetTest.java"), "class FleetTest { @Test void t() { Fleet.up(); } }");
        Files.writeString(tests.resolve("BrokerIT.java"), "class BrokerIT { @Test void t() { Infrastructure.get(); } }");
        Files.writeString(tests.resolve("PureTest.java"), """
                /** Not MotoServer: a pure test. */
                class PureTest {
                    @Test void t() { // unlike Infrastructure.get()
                        Fleetwood.go();
                    }
                }
                """);
        Files.writeString(tests.resolve("HelperNamedLikeATest.java"), "record HelperNamedLikeATest() { void up() { Sandbox.start(); } }");

        Map<Path, List<String>> found = unitTestsThatStartSomething(root);

        assertThat(found).containsOnlyKeys(Path.of("module/src/test/java/x/BrokerTest.java"),
                Path.of("module/src/test/java/x/FleetTest.java"));
        assertThat(found.get(Path.of("module/src/test/java/x/BrokerTest.java"))).containsExactly("Infrastructure.get(");
        assertThat(found.get(Path.of("module/src/test/java/x/FleetTest.java"))).containsExactly("Fleet (a test helper that starts something)");
    }

    /**
     * Each *Test class under {@code <module>/src/test/java} that starts something, with what; paths relative to root.
     * Helpers count across modules, as ec2-access's test jar gives its {@code Ec2UnderTest} to the services.
     */
    static Map<Path, List<String>> unitTestsThatStartSomething(Path root) {
        Map<Path, String> code = new HashMap<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path sources : modules.map(module -> module.resolve("src/test/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(sources)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        code.put(file, COMMENTS_AND_STRINGS.matcher(Files.readString(file)).replaceAll("\"\""));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> starters = helpersThatStartSomething(code);
        Map<Path, List<String>> misplaced = new TreeMap<>();
        code.forEach((file, text) -> {
            String name = className(file);
            if (!name.endsWith("Test") || !TEST_CLASS.matcher(text).find()) {
                return;
            }
            List<String> what = new ArrayList<>(STARTS.stream().filter(text::contains).toList());
            starters.stream().filter(helper -> !helper.equals(name) && mentions(text, helper)).sorted()
                    .forEach(helper -> what.add(helper + " (a test helper that starts something)"));
            if (!what.isEmpty()) {
                misplaced.put(root.relativize(file), what);
            }
        });
        return misplaced;
    }

    /** The test helpers (not test classes) that start something, directly or through one another. */
    private static Set<String> helpersThatStartSomething(Map<Path, String> code) {
        Map<String, String> helpers = new HashMap<>();
        code.forEach((file, text) -> {
            if (!TEST_CLASS.matcher(text).find()) {
                helpers.put(className(file), text);
            }
        });
        Set<String> starters = new HashSet<>();
        helpers.forEach((name, text) -> {
            if (STARTS.stream().anyMatch(text::contains)) {
                starters.add(name);
            }
        });
        for (boolean grew = true; grew; ) {
            grew = false;
            for (Map.Entry<String, String> helper : helpers.entrySet()) {
                if (!starters.contains(helper.getKey())
                        && starters.stream().anyMatch(starter -> mentions(helper.getValue(), starter))) {
                    grew = starters.add(helper.getKey());
                }
            }
        }
        return starters;
    }

    private static boolean mentions(String text, String className) {
        Matcher matcher = Pattern.compile("\\b" + Pattern.quote(className) + "\\b").matcher(text);
        return matcher.find();
    }

    private static String className(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".java".length());
    }
}
