package io.understudy.testing;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real cut: a process started in the group times out on the cut address (its packets are dropped) while a process
 * outside the group still gets its answer; healing and closing undo everything. curl plays the processes.
 */
class NetworkCutIT {
    private static final String ADDRESS = "127." + ThreadLocalRandom.current().nextInt(16, 251) + "."
            + ThreadLocalRandom.current().nextInt(0, 256) + "." + ThreadLocalRandom.current().nextInt(4, 250);
    /** curl's exit code for an operation that timed out. */
    private static final int TIMED_OUT = 28;

    private final List<Process> started = new ArrayList<>();
    private HttpServer server;
    private String url;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(ADDRESS, 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        url = "http://" + ADDRESS + ":" + server.getAddress().getPort() + "/";
    }

    @AfterEach
    void stopEverything() {
        started.forEach(Process::destroyForcibly);
        server.stop(0);
    }

    @Test
    void a_process_in_the_group_is_cut_off_from_the_address_while_others_still_reach_it_until_healed() throws Exception {
        Path group;
        String name;
        Process sleeper;
        try (NetworkCut cut = NetworkCut.create("network-cut-it")) {
            group = cut.group();
            name = cut.name();
            assertThat(group).isDirectory();
            assertThat(run(cut.command(curl()))).as("inside, before the cut").isEqualTo(new Outcome(0, "200"));

            cut.cut(ADDRESS);

            assertThat(rules()).as("the rule is in place").anyMatch(rule -> rule.contains(name) && rule.contains(ADDRESS + "/32"));
            assertThat(run(cut.command(curl()))).as("inside: dropped, so it times out").extracting(Outcome::exit).isEqualTo(TIMED_OUT);
            assertThat(run(curl())).as("outside: answered").isEqualTo(new Outcome(0, "200"));

            cut.heal(ADDRESS);

            assertThat(run(cut.command(curl()))).as("inside, healed").isEqualTo(new Outcome(0, "200"));
            cut.cut(ADDRESS);
            sleeper = new ProcessBuilder(cut.command(List.of("sleep", "60"))).start();
            started.add(sleeper);
            long pid = sleeper.pid();
            await().atMost(Duration.ofSeconds(10)).until(() -> cut.processes().contains(pid));
        }

        assertThat(sleeper.waitFor(10, TimeUnit.SECONDS)).as("close stops what still runs in the group").isTrue();
        assertThat(Files.exists(group)).as("close removes the group").isFalse();
        assertThat(rules()).as("close removes the rules").noneMatch(rule -> rule.contains(name));
        assertThat(run(curl())).isEqualTo(new Outcome(0, "200"));
    }

    private record Outcome(int exit, String output) {
    }

    private List<String> curl() {
        String curl = Executables.find("curl", List.of(), List.of()).map(Path::toString)
                .orElseThrow(() -> new IllegalStateException("curl not found: this test needs it (Debian package curl)"));
        return List.of(curl, "-s", "-o", "/dev/null", "-w", "%{http_code}", "--connect-timeout", "1", "--max-time", "2", url);
    }

    private static Outcome run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within 20 s");
        }
        return new Outcome(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    }

    private static List<String> rules() throws IOException, InterruptedException {
        String iptables = Executables.find("iptables", List.of(), List.of(Path.of("/usr/sbin"), Path.of("/sbin")))
                .map(Path::toString).orElseThrow();
        Process process = new ProcessBuilder(iptables, "-w", "-S", "OUTPUT").redirectErrorStream(true).start();
        process.waitFor(20, TimeUnit.SECONDS);
        return new ArrayList<>(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList());
    }
}
