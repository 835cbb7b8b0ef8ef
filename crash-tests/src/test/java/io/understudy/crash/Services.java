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

    static Services start(Infrastructure infrastructure, InstancePorts ports, Path workDir) throws IOException {
        Services services = new Services(environment(infrastructure, ports, workDir), workDir.resolve("logs"));
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
        ServiceProcess process = ServiceProcess.start(module, FreePorts.pick(), environment, logDir, module + "-" + generation);
        running.put(module, process);
        return process;
    }

    /** SIGKILL, then the same service started again with the same configuration (and state directory). */
    void killAndRestart(String module) throws IOException, InterruptedException {
        running.remove(module).kill();
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
        environment.put("UNDERSTUDY_STREAMS_APPLICATION_ID", "crash-orchestrator-" + workDir.getFileName());
        // a restarted orchestrator takes its environments back at once (static membership) ...
        environment.put("UNDERSTUDY_STREAMS_INSTANCE_ID", "orchestrator-1");
        // ... and a restarted executing service after a short session timeout of the killed one (classic protocol:
        // the consumer protocol keeps a dead member's partitions for the broker's 45 s minimum)
        environment.put("UNDERSTUDY_COMMANDS_GROUP_PROTOCOL", "classic");
        environment.put("KAFKA_CONSUMERS_DEFAULT_SESSION_TIMEOUT_MS", "6000");
        environment.put("KAFKA_CONSUMERS_DEFAULT_HEARTBEAT_INTERVAL_MS", "1000");
        return environment;
    }

    @Override
    public void close() {
        new ArrayList<>(running.values()).forEach(ServiceProcess::close);
        running.clear();
    }
}
