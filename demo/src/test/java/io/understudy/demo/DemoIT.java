package io.understudy.demo;

import io.understudy.demo.cloud.SandboxInstance;
import io.understudy.demo.instance.AppHealth;
import io.understudy.demo.instance.SandboxPorts;
import io.understudy.demo.instance.SandboxTls;
import io.understudy.demo.process.Jars;
import io.understudy.demo.scenario.ScenarioResult;
import io.understudy.demo.scenario.ScenarioSettings;
import io.understudy.demo.summary.DemoSummary;
import io.understudy.demo.summary.SummaryText;
import io.understudy.demo.traffic.AppHttp;
import io.understudy.haproxy.HaproxyRuntime;
import io.understudy.haproxy.HaproxyUnavailableException;
import io.understudy.haproxy.RuntimeApiAccess;
import io.understudy.haproxy.ServerState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo's scenario with shorter traffic, as {@code ./understudy demo} runs it: the dev stack, the sandbox and
 * the six services as processes, a master killed with SIGKILL to its process group. Every assertion reads the
 * outside world: HTTP through the Elastic IP and to each instance, HAProxy's server state, EC2, and the process
 * table once everything is stopped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoIT {
    private static final AppHttp HTTP = new AppHttp();
    private static DemoRun run;
    private static ScenarioResult result;
    private static Path sandboxDir;

    @BeforeAll
    static void takeOver() throws Exception {
        Jars jars = Jars.findRoot();
        run = DemoRun.start(jars, jars.root().resolve("demo").resolve("target").resolve("demo-it"), false, System.out);
        sandboxDir = run.sandboxDir();
        result = run.takeover(ScenarioSettings.SHORT);
        SummaryText.lines(result.summary()).forEach(System.out::println);
    }

    @AfterAll
    static void stopEverything() {
        if (run != null) {
            run.close();
        }
    }

    private static DemoSummary summary() {
        return result.summary();
    }

    @Test
    @Order(1)
    void theTakeoverCompletedWithoutLosingAnAcknowledgedWrite() {
        assertThat(summary().newMaster()).as("new master; problems: %s", summary().problems()).isNotNull();
        assertThat(summary().writesAcknowledged()).as("writes acknowledged (201) through the Elastic IP").isPositive();
        assertThat(summary().acknowledgedWritesLost()).as("acknowledged writes missing when read back").isZero();
    }

    @Test
    @Order(2)
    void cronRunsOnExactlyOneInstanceTheNewMaster() {
        String newMaster = summary().newMaster();
        List<SandboxInstance> alive = run.sandboxApi().instances().stream().filter(SandboxInstance::alive).toList();
        Map<String, Boolean> cronByInstance = alive.stream().collect(Collectors.toMap(SandboxInstance::instanceId,
                i -> AppHealth.of(HTTP, i.privateAddress()).map(AppHealth::cron).orElse(false)));
        assertThat(cronByInstance).as("cron flag of every live instance").containsEntry(newMaster, true)
                .hasSize(4).values().filteredOn(Boolean::booleanValue).hasSize(1);

        String address = addressOf(newMaster);
        await("a cron line of " + newMaster + " in its /cron").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> AppHealth.cronLines(HTTP, address).lines().anyMatch(l -> l.endsWith(" " + newMaster)));
        alive.stream().filter(i -> !i.instanceId().equals(newMaster)).forEach(i -> assertThat(AppHealth.cronLines(HTTP, i.privateAddress()))
                .as("cron lines on %s, not the master", i.instanceId()).isEmpty());
    }

    @Test
    @Order(3)
    void theElasticIpAnswersFromTheNewMaster() {
        String newMaster = summary().newMaster();
        String key = "it-" + UUID.randomUUID().toString().substring(0, 8);
        String publicUrl = result.environment().publicUrl(SandboxPorts.PROXY);

        assertThat(HTTP.post(publicUrl + "/data/" + key, key).status()).as("write through the Elastic IP").isEqualTo(201);
        AppHttp.Answer atNewMaster = HTTP.get("http://" + addressOf(newMaster) + ":" + SandboxPorts.APP + "/data/" + key);
        assertThat(atNewMaster.status()).as("the key at the new master's own app").isEqualTo(200);
        assertThat(atNewMaster.body()).isEqualTo(key);
        assertThat(run.ec2().elasticIpHolder(result.environment().allocationId())).as("EC2's association").isEqualTo(newMaster);
    }

    @Test
    @Order(4)
    void theReplacementServesInTheNewMastersHaproxy() {
        HaproxyRuntime runtime = SandboxTls.proxyConfiguratorAccess(sandboxDir).at(addressOf(summary().newMaster()), SandboxPorts.ADMIN,
                Duration.ofSeconds(3));
        HaproxyRuntime plaintext = RuntimeApiAccess.plaintext().at(addressOf(summary().newMaster()), SandboxPorts.ADMIN, Duration.ofSeconds(3));

        // in service: a server that left would stay retired in maintenance
        List<ServerState> servers = runtime.serversState(SandboxPorts.BACKEND).stream()
                .filter(s -> !s.inMaintenance()).toList();

        assertThat(servers).as("backend app of the new master's HAProxy").extracting(ServerState::name)
                .contains(summary().replacement()).doesNotContain(summary().killedMaster()).hasSize(4);
        assertThat(answerOrNothing(plaintext, "show servers state " + SandboxPorts.BACKEND)).as("the runtime API in plaintext")
                .doesNotContain(summary().replacement());
        assertThat(summary().replacementStackVersion()).isEqualTo(summary().stackVersion());
    }

    @Test
    @Order(5)
    void theInvariantCheckerSampledTheWholeTakeoverAndSawNoViolation() {
        DemoSummary.Invariants invariants = summary().invariants();
        System.out.println("invariant checker: " + invariants.samples() + " samples (" + invariants.failedSamples()
                + " failed) from " + invariants.firstSampleAfterMillis() + " ms to " + invariants.lastSampleAfterMillis()
                + " ms after the kill");

        assertThat(invariants.violation()).as("first violation").isNull();
        assertThat(invariants.problem()).as("why the invariants cannot be said to hold").isNull();
        assertThat(invariants.firstSampleAfterMillis()).as("first good sample, ms after the kill").isNotNull().isNegative();
        assertThat(invariants.lastSampleAfterMillis()).as("last good sample, ms after the kill")
                .isGreaterThan(summary().takeoverCompletedAfterMillis());
        // a sampler that stalls for most of the run shows too few samples even though both ends are covered
        long seconds = (invariants.lastSampleAfterMillis() - invariants.firstSampleAfterMillis()) / 1000;
        assertThat(invariants.samples()).as("good samples over %d s", seconds).isGreaterThanOrEqualTo(seconds);
    }

    @Test
    @Order(6)
    void nothingOfTheSandboxIsLeftOnceTheRunStops() {
        run.close();

        await("no process of the sandbox in " + sandboxDir).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(pgrep(sandboxDir.toString())).as("processes whose command line names " + sandboxDir).isEmpty());
    }

    private static String addressOf(String instanceId) {
        return run.sandboxApi().instances().stream().filter(i -> i.instanceId().equals(instanceId))
                .map(SandboxInstance::privateAddress).findFirst()
                .orElseThrow(() -> new AssertionError("the sandbox does not know " + instanceId));
    }

    /** {@code pgrep -af <marker>}: every process whose command line contains the marker, with its command line. */
    private static List<String> pgrep(String marker) throws IOException, InterruptedException {
        Process pgrep = new ProcessBuilder("pgrep", "-af", "--", marker).redirectErrorStream(true).start();
        String output;
        try (InputStream in = pgrep.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        pgrep.waitFor(10, TimeUnit.SECONDS);
        long self = ProcessHandle.current().pid();
        return output.lines().filter(l -> !l.isBlank()).filter(l -> !l.startsWith(self + " ")).toList();
    }

    /** HAProxy's answer, or nothing when it closed or reset the connection. */
    private static String answerOrNothing(HaproxyRuntime runtime, String command) {
        try {
            return runtime.send(command);
        } catch (HaproxyUnavailableException e) {
            return "";
        }
    }
}
