package io.understudy.system;

import io.understudy.testing.Infrastructure;
import io.understudy.testing.FreePorts;
import io.understudy.testing.InstancePorts;
import io.understudy.testing.services.ServiceEnvironment;
import io.understudy.testing.services.ServiceProcess;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The six services, each its own process, configured for the suite's broker, registry, moto and instance ports. */
final class UnderstudyServices implements AutoCloseable {
    static final List<String> MODULES = List.of("takeover-orchestrator", "health-monitor", "ip-manager",
            "volume-manager", "proxy-configurator", "provisioner");

    private final List<ServiceProcess> processes;

    private UnderstudyServices(List<ServiceProcess> processes) {
        this.processes = processes;
    }

    /** Every service but the health monitor, for tests that run their own monitors. */
    static final List<String> ALL_BUT_THE_MONITOR = MODULES.stream().filter(m -> !m.equals("health-monitor")).toList();

    static UnderstudyServices start(Infrastructure infrastructure, InstancePorts ports, Path workDir) throws IOException {
        return start(infrastructure, ports, workDir, MODULES);
    }

    static UnderstudyServices start(Infrastructure infrastructure, InstancePorts ports, Path workDir, List<String> modules)
            throws IOException {
        Map<String, String> environment = environment(infrastructure, ports, workDir);
        List<ServiceProcess> started = new ArrayList<>();
        try {
            for (String module : modules) {
                started.add(ServiceProcess.start(module, FreePorts.pick(), ServiceEnvironment.forModule(environment, infrastructure, module),
                        workDir.resolve("logs"), module));
            }
            for (ServiceProcess service : started) {
                service.awaitHealthy(Duration.ofSeconds(90));
            }
            return new UnderstudyServices(started);
        } catch (RuntimeException | IOException e) {
            started.forEach(ServiceProcess::close);
            throw e;
        }
    }

    static Map<String, String> environment(Infrastructure infrastructure, InstancePorts ports, Path workDir) {
        Map<String, String> environment = ServiceEnvironment.of(infrastructure, ports, workDir);
        environment.put("UNDERSTUDY_HEALTH_PORT", String.valueOf(ports.app()));
        environment.put("UNDERSTUDY_HEALTH_PATH", "/health");
        environment.put("UNDERSTUDY_HEALTH_INTERVAL", "250ms");
        environment.put("UNDERSTUDY_HEALTH_QUORUM_STATE_DIR", workDir.resolve("health-quorum-state").toString());
        return environment;
    }

    @Override
    public void close() {
        processes.forEach(ServiceProcess::close);
    }
}
