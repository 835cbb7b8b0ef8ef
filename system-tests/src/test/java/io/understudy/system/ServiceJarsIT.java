package io.understudy.system;

import io.understudy.http.CredentialedUrl;
import io.understudy.kafka.ClientFiles;
import io.understudy.testing.FreePorts;
import io.understudy.testing.RuntimeApiCertificates;
import io.understudy.testing.services.Management;
import io.understudy.testing.services.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each service is deployable on its own: its jar starts with {@code java -jar} against the dev stack while every
 * other service is down, and answers {@code /health}; by default on loopback alone, its metrics and health details
 * for its management credentials only.
 */
class ServiceJarsIT {
    /** A stack of this run's own: one left by an older run may hold a broker's data made without security. */
    private static final Path STACK_DIR = Repository.target().resolve("service-jars-it").resolve("stack-" + ProcessHandle.current().pid());
    private static int kafkaPort;
    private static int registryPort;
    private static ClientFiles clients;
    private static String operatorsAuthorities;
    private static String registryWriterUrl;

    @BeforeAll
    static void devStackUp() throws Exception {
        kafkaPort = FreePorts.pick();
        registryPort = FreePorts.pick();
        String output = devStack(0, "up", "--kafka-port", String.valueOf(kafkaPort), "--registry-port", String.valueOf(registryPort));
        assertThat(output).contains("127.0.0.1:" + kafkaPort).contains("http://registry-writer:***@127.0.0.1:" + registryPort);
        // the registry takes writes from its writer only: the services register their schemas with the URL that
        // carries the writer's password, which the stack keeps in its file and never prints
        Properties stack = new Properties();
        try (var reader = Files.newBufferedReader(STACK_DIR.resolve("stack.properties"), StandardCharsets.UTF_8)) {
            stack.load(reader);
        }
        registryWriterUrl = stack.getProperty("schema.registry.url");
        assertThat(CredentialedUrl.parse(registryWriterUrl).credentials()).as("the writer's credentials in stack.properties").isPresent();
        assertThat(output).doesNotContain(CredentialedUrl.parse(registryWriterUrl).credentials().orElseThrow().password());
        // secured by default: every service reaches it with its own principal's settings, which the stack left here
        clients = new ClientFiles(Path.of(output.lines().filter(line -> line.startsWith("clients: ")).findFirst()
                .orElseThrow(() -> new AssertionError("the dev stack did not say where its principals' settings are: " + output))
                .substring("clients: ".length())));
        // the orchestrator starts only with the operators' authority, which the stack made
        operatorsAuthorities = output.lines().filter(line -> line.startsWith("operator-authorities: ")).findFirst()
                .orElseThrow(() -> new AssertionError("the dev stack did not say where its operators' authority is: " + output))
                .substring("operator-authorities: ".length());
    }

    @AfterAll
    static void devStackDown() throws Exception {
        devStack(0, "down");
        assertThat(devStack(3, "status")).as("LSB's exit code for a stopped service").contains("not running");
    }

    @ParameterizedTest
    @ValueSource(strings = {"takeover-orchestrator", "health-monitor", "ip-manager", "volume-manager", "proxy-configurator", "provisioner"})
    void startsAloneAndAnswersHealth(String module) throws Exception {
        Map<String, String> environment = new HashMap<>(clients.load(module).asEnvironment());
        environment.putAll(Map.of(
                "UNDERSTUDY_SCHEMA_REGISTRY_URL", registryWriterUrl,
                "UNDERSTUDY_EC2_REGION", "us-east-1",
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "understudy-test",
                "AWS_SECRET_ACCESS_KEY", "understudy-test",
                "UNDERSTUDY_STREAMS_STATE_DIR", Repository.target().resolve("service-jars-it").resolve("streams-state").toString()));
        environment.put("UNDERSTUDY_OPERATORS_AUTHORITIES", operatorsAuthorities);
        // proxy-configurator's client certificate for the instances' runtime API, without which it does not start
        environment.putAll(RuntimeApiCertificates.get().proxyConfiguratorEnvironment());
        try (ServiceProcess service = ServiceProcess.start(module, FreePorts.pick(), environment,
                Repository.target().resolve("service-jars-it").resolve("logs"), module)) {
            service.awaitHealthy(Duration.ofSeconds(90));
            assertThat(service.healthStatus()).isEqualTo(200);

            // all of 127/8 is loopback here: a server on every address would answer on 127.0.0.2 too
            assertThat(accepts("127.0.0.2", service.httpPort())).as("listening beyond 127.0.0.1").isFalse();
            assertThat(Management.get(service.url("/health"), null).body()).isEqualTo("{\"status\":\"UP\"}");
            assertThat(Management.get(service.url("/health"), service.managementCredentials()).body()).contains("\"details\"");
            assertThat(Management.get(service.url("/prometheus"), null).statusCode()).isEqualTo(401);
            HttpResponse<String> metrics = Management.get(service.url("/prometheus"), service.managementCredentials());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes");
        }
    }

    private static boolean accepts(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }

    private static String devStack(int expectedExit, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Repository.root().resolve("dev-stack/target/dev-stack-0.1.0-SNAPSHOT-all.jar").toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--dir", STACK_DIR.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(finished).as("dev stack " + String.join(" ", arguments) + " finished; output: " + output).isTrue();
        assertThat(process.exitValue()).as("exit of dev stack " + arguments[0] + "; output: " + output).isEqualTo(expectedExit);
        return output;
    }
}
