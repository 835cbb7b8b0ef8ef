package io.understudy.system;

import io.understudy.invariants.WholeRun;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.InstancePorts;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Understudy a system-test suite runs against, as a static {@code @RegisterExtension}: before the suite, the
 * infrastructure with its topics, the invariant checker sampling for the whole suite (every environment from its
 * creation on), the instances' ports and the services as processes; after it, the suite's environments, the
 * services and the checker, in that order.
 */
final class UnderstudyRun implements BeforeAllCallback, AfterAllCallback {
    private final Path workDir;
    private final List<String> modules;
    private final List<TestEnvironment> environments = new ArrayList<>();
    private Infrastructure infrastructure;
    private InstancePorts ports;
    private UnderstudyServices services;
    private WholeRun invariants;

    private UnderstudyRun(Path workDir, List<String> modules) {
        this.workDir = workDir;
        this.modules = modules;
    }

    static UnderstudyRun everyService(Path workDir) {
        return new UnderstudyRun(workDir, UnderstudyServices.MODULES);
    }

    /** For suites that start their own monitors, or need none. */
    static UnderstudyRun allButTheMonitor(Path workDir) {
        return new UnderstudyRun(workDir, UnderstudyServices.ALL_BUT_THE_MONITOR);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        infrastructure = Infrastructure.get();
        infrastructure.createTopics();
        invariants = WholeRun.start(infrastructure.newEc2Client());
        ports = InstancePorts.pickFree();
        services = UnderstudyServices.start(infrastructure, ports, workDir, modules);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        environments.forEach(TestEnvironment::close);
        if (services != null) {
            services.close();
        }
        if (invariants != null) {
            invariants.close();
        }
    }

    /** A new environment of the suite, closed after it and watched by the invariant checker from now on. */
    TestEnvironment newEnvironment() throws Exception {
        TestEnvironment environment = TestEnvironment.create(infrastructure.ec2(), ports, workDir);
        environments.add(environment);
        invariants.watch(environment.id, environment.allocationId);
        return environment;
    }

    /** The suite's environments so far. */
    List<TestEnvironment> environments() {
        return environments;
    }

    Infrastructure infrastructure() {
        return infrastructure;
    }

    InstancePorts ports() {
        return ports;
    }

    UnderstudyServices services() {
        return services;
    }

    WholeRun invariants() {
        return invariants;
    }

    Path workDir() {
        return workDir;
    }
}
