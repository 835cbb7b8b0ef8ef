package io.understudy.crash;

import io.understudy.testing.FreePorts;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.InstancePorts;
import io.understudy.testing.services.ServiceEnvironment;
import io.understudy.testing.services.ServiceProcess;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The orchestrator and the four executing services, each its own process (no health monitor: the tests declare
 * failures themselves, at the moment they choose). Any one of them can be killed and started again.
 */
final class Services implements AutoCloseable {
    static final List<String> MODULES = List.of("takeover-orchestrator", "ip-manager", "volume-manager",
            "proxy-configurator", "provisioner");
    private static final Duration START = Duration.ofSeconds(120);

    private final Map<String, String> environment;
    private final Path logDir;
    private final Map<String, ServiceProcess> running = new LinkedHashMap<>();
    private final Map<String, Integer> generations = new HashMap<>();

    private Services(Map<String, String> environment, Path logDir) {
        this.environment = environment;
        this.logDir = logDir;
    }

    /** The services call EC2 at {@code ec2Endpoint}: moto's, or a proxy in front of it. */
    static Services start(Infrastructure infrastructure, InstancePorts ports, Path workDir, String ec2Endpoint) throws IOException {
        Map<String, String> environment = environment(infrastructure, ports, workDir);
        environment.put("UNDERSTUDY_EC2_ENDPOINT", ec2Endpoint);
        Services services = new Services(environment, workDir.resolve("logs"));
        try {
            for (String module : MODULES) {
                services.launch(module);
            }
            for (String module : MODULES) {
                services.awaitHealthy(module);
            }
            return services;
        } catch (RuntimeException | IOException e) {
            services.close();
            throw e;
        }
    }

    private ServiceProcess launch(String module) throws IOException {
        int generation = generations.merge(module, 1, Integer::sum);
        Map<String, String> own = ServiceEnvironment.forModule(environment, Infrastructure.get(), module);
        own.put("UNDERSTUDY_COMMANDS_INSTANCE_ID", module);
        ServiceProcess process = ServiceProcess.start(module, FreePorts.pick(), own, logDir, module + "-" + generation);
        running.put(module, process);
        return process;
    }

    /** SIGKILL, then the same service started again with the same configuration (and state directory). */
    void killAndRestart(String module) throws IOException, InterruptedException {
        kill(module);
        restart(module);
    }

    /** SIGKILL: no shutdown hook, no commit, no goodbye to the group. */
    void kill(String module) throws InterruptedException {
        running.remove(module).kill();
    }

    void restart(String module) throws IOException {
        launch(module);
        awaitHealthy(module);
    }

    /**
     * Other builds in the same checkout may rewrite a runnable jar while a JVM reads it (the process then dies of a
     * missing class): such a start is tried again, twice at most, and the last failure is reported with its log.
     */
    private void awaitHealthy(String module) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                running.get(module).awaitHealthy(START);
                return;
            } catch (org.awaitility.core.TerminalFailureException exited) {
                if (attempt == 3) {
                    throw exited;
                }
                launch(module);
            }
        }
    }

    private static Map<String, String> environment(Infrastructure infrastructure, InstancePorts ports, Path workDir) {
        Map<String, String> environment = ServiceEnvironment.of(infrastructure, ports, workDir);
        // the orchestrator's principal may run Streams applications whose id starts with its name
        environment.put("UNDERSTUDY_STREAMS_APPLICATION_ID", "takeover-orchestrator-crash-" + workDir.getFileName());
        // a restarted orchestrator takes its environments back at once (static membership) ...
        environment.put("UNDERSTUDY_STREAMS_INSTANCE_ID", "orchestrator-1");
        // ... and so does a restarted executing service, by static membership under the classic protocol (the
        // consumer protocol keeps a killed member's partitions for the broker's session timeout, 45 s at least);
        // the short session timeout covers a start that did not take the id back
        environment.put("UNDERSTUDY_COMMANDS_GROUP_PROTOCOL", "classic");
        environment.put("UNDERSTUDY_COMMANDS_SESSION_TIMEOUT", "6s");
        environment.put("UNDERSTUDY_COMMANDS_HEARTBEAT_INTERVAL", "1s");
        return environment;
    }

    @Override
    public void close() {
        new ArrayList<>(running.values()).forEach(ServiceProcess::close);
        running.clear();
    }
}
