package io.understudy.demo.process;

import io.understudy.demo.instance.SandboxPorts;
import io.understudy.demo.instance.SandboxTls;
import io.understudy.demo.kafka.KafkaAddresses;
import io.understudy.http.BasicCredentials;
import io.understudy.schemas.access.Principal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.understudy.demo.polling.Polling.await;

/**
 * The six Understudy services, each its own JVM started from its runnable jar exactly as an operator would,
 * configured for the dev stack and the sandbox cloud by environment variables. Nothing is faked: the health
 * monitor really probes the sandbox's instances.
 */
public final class UnderstudyServices implements AutoCloseable {
    public static final List<String> MODULES = List.of("takeover-orchestrator", "health-monitor", "ip-manager",
            "volume-manager", "proxy-configurator", "provisioner");
    private static final List<String> JVM = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Map<String, JavaProcess> processes;
    private final Map<String, Integer> httpPorts;
    /** What the services' /prometheus and /health's details take (understudy.management.credentials), new every run. */
    private final BasicCredentials management = BasicCredentials.generate("demo");

    private UnderstudyServices(Map<String, JavaProcess> processes, Map<String, Integer> httpPorts) {
        this.processes = processes;
        this.httpPorts = httpPorts;
    }

    public static UnderstudyServices start(Jars jars, KafkaAddresses kafka, String ec2Endpoint, Path workDir) throws IOException {
        Map<String, JavaProcess> started = new LinkedHashMap<>();
        Map<String, Integer> ports = new LinkedHashMap<>();
        UnderstudyServices services = new UnderstudyServices(started, ports);
        try {
            for (String module : MODULES) {
                int port = DevStack.freePort();
                Map<String, String> environment = new HashMap<>(settings(kafka, ec2Endpoint, workDir));
                // each service reaches Kafka as its own principal, allowed its own job only
                environment.putAll(kafka.settings(Principal.ofService(module).orElseThrow()).asEnvironment());
                environment.put("MICRONAUT_SERVER_PORT", String.valueOf(port));
                environment.put("UNDERSTUDY_MANAGEMENT_CREDENTIALS", services.management.userInfo());
                started.put(module, JavaProcess.start(module, jars.of(module), JVM, List.of(), environment, workDir.resolve("logs")));
                ports.put(module, port);
            }
            for (String module : MODULES) {
                services.awaitHealthy(module, Duration.ofSeconds(120));
            }
            return services;
        } catch (RuntimeException | IOException e) {
            services.close();
            throw e;
        }
    }

    /**
     * The sandbox's instances: app on 8080 with /health, HAProxy's runtime API on 9999 over mutual TLS; fast probes and
     * EC2 polls.
     */
    static Map<String, String> settings(KafkaAddresses kafka, String ec2Endpoint, Path workDir) {
        Map<String, String> environment = new HashMap<>();
        environment.put("UNDERSTUDY_SCHEMA_REGISTRY_URL", kafka.registryUrl());
        environment.put("UNDERSTUDY_EC2_ENDPOINT", ec2Endpoint);
        environment.put("UNDERSTUDY_EC2_REGION", "us-east-1");
        environment.put("UNDERSTUDY_EC2_POLL_INTERVAL", "200ms");
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_ACCESS_KEY_ID", "sandbox");
        environment.put("AWS_SECRET_ACCESS_KEY", "sandbox");
        environment.put("UNDERSTUDY_PROXY_ADMIN_PORT", String.valueOf(SandboxPorts.ADMIN));
        environment.put("UNDERSTUDY_PROXY_APP_PORT", String.valueOf(SandboxPorts.APP));
        // proxy-configurator's client certificate for the instances' runtime API, made by the sandbox (DemoRun's sandboxDir)
        environment.putAll(SandboxTls.proxyConfiguratorEnvironment(workDir.resolve("sandbox")));
        environment.put("UNDERSTUDY_HEALTH_PORT", String.valueOf(SandboxPorts.APP));
        environment.put("UNDERSTUDY_HEALTH_PATH", "/health");
        // the phi-accrual detector's documented defaults are tuned for 100 ms probes (a crash found in about 0.8 s)
        environment.put("UNDERSTUDY_HEALTH_INTERVAL", "100ms");
        environment.put("UNDERSTUDY_HEALTH_QUORUM_STATE_DIR", workDir.resolve("health-quorum-state").toString());
        environment.put("UNDERSTUDY_STREAMS_STATE_DIR", workDir.resolve("streams-state").toString());
        // the orchestrator acts on operator commands signed by the dev stack's operators only
        environment.put("UNDERSTUDY_OPERATORS_AUTHORITIES", kafka.operator().authorities().toString());
        return environment;
    }

    private void awaitHealthy(String module, Duration timeout) {
        JavaProcess process = processes.get(module);
        await("health of " + module).atMost(timeout).pollInterval(Duration.ofMillis(250))
                .failFast(module + " exited; see its log " + process.log(), () -> !process.alive())
                .until(() -> get(module, "/health") == 200);
    }

    /** Status of {@code GET <path>} on a service's own HTTP port, with its management credentials; -1 when it does not answer. */
    public int get(String module, String path) {
        return fetch(module, path).status();
    }

    /** The body of {@code GET <path>} on a service's own HTTP port, e.g. its Prometheus metrics; empty without answer. */
    public String body(String module, String path) {
        return fetch(module, path).body();
    }

    private record Reply(int status, String body) {
    }

    private Reply fetch(String module, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPorts.get(module) + path))
                    .header("Authorization", management.header()).timeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Reply(-1, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(-1, "");
        }
    }

    public List<JavaProcess> processes() {
        return new ArrayList<>(processes.values());
    }

    /** All at once: each may take seconds to leave its consumer group politely. */
    @Override
    public void close() {
        List<JavaProcess> all = new ArrayList<>(processes.values());
        all.parallelStream().forEach(JavaProcess::close);
    }
}
