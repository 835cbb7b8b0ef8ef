package io.understudy.benchmarks.harness;

import io.understudy.schemas.access.Principal;
import io.understudy.testing.FreePorts;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.OperatorCertificates;
import io.understudy.testing.services.ServiceProcess;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real takeover orchestrator, its runnable jar in a process of its own, configured as the system tests configure
 * it: its own principal on the secured broker, the registry, operator commands acted on only when signed by the
 * suite's operators. Its JVM is left at the defaults an operator gets, not the tests' quick-start options.
 */
public final class Orchestrator {
    private static final String MODULE = "takeover-orchestrator";
    private static final List<String> JVM = List.of("-Xmx512m");

    private Orchestrator() {
    }

    /** Starts replica {@code replica} and waits until it is healthy; the caller closes it. */
    public static ServiceProcess start(Infrastructure infrastructure, Path workDir, int replica) throws IOException {
        Map<String, String> environment = new HashMap<>();
        environment.put("UNDERSTUDY_SCHEMA_REGISTRY_URL", infrastructure.registryUrl());
        environment.putAll(OperatorCertificates.get().orchestratorEnvironment());
        environment.put("UNDERSTUDY_STREAMS_STATE_DIR", workDir.resolve("streams-state-" + replica).toString());
        environment.putAll(infrastructure.kafkaSettings(Principal.ofService(MODULE).orElseThrow()).asEnvironment());
        ServiceProcess process = ServiceProcess.start(MODULE, FreePorts.pick(), environment, workDir.resolve("logs"),
                MODULE + "-" + replica, null, JVM);
        try {
            return process.awaitHealthy(Duration.ofSeconds(120));
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }
}
