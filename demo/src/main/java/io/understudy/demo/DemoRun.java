package io.understudy.demo;

import io.understudy.demo.cloud.SandboxApiClient;
import io.understudy.demo.cloud.SandboxBackedCloud;
import io.understudy.demo.cloud.SandboxEc2Client;
import io.understudy.demo.environment.EnvironmentPlan;
import io.understudy.demo.kafka.KafkaAddresses;
import io.understudy.demo.kafka.Registration;
import io.understudy.demo.process.DevStack;
import io.understudy.demo.process.HealthMonitorMetrics;
import io.understudy.demo.process.Jars;
import io.understudy.demo.instance.SandboxTls;
import io.understudy.demo.process.SandboxProcess;
import io.understudy.demo.process.Supervisor;
import io.understudy.demo.process.UnderstudyServices;
import io.understudy.demo.scenario.ScenarioResult;
import io.understudy.demo.scenario.ScenarioSettings;
import io.understudy.demo.scenario.TakeoverScenario;
import io.understudy.demo.scenario.Understudy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Everything the demo runs on, started as separate processes: the dev stack (Kafka and the schema registry),
 * the sandbox cloud and the six services. Closing stops all of it, unless it was started to be kept.
 */
public final class DemoRun implements AutoCloseable {
    private final Supervisor supervisor;
    private final DevStack stack;
    private final SandboxProcess sandbox;
    private final UnderstudyServices services;
    private final SandboxEc2Client ec2;
    private final Path workDir;
    private final PrintStream out;

    private DemoRun(Supervisor supervisor, DevStack stack, SandboxProcess sandbox, UnderstudyServices services,
                    SandboxEc2Client ec2, Path workDir, PrintStream out) {
        this.supervisor = supervisor;
        this.stack = stack;
        this.sandbox = sandbox;
        this.services = services;
        this.ec2 = ec2;
        this.workDir = workDir;
        this.out = out;
    }

    /** Starts everything in a fresh {@code workDir}; on failure stops what had started and rethrows. */
    public static DemoRun start(Jars jars, Path workDir, boolean keep, PrintStream out) throws Exception {
        clean(workDir);
        List<String> modules = new ArrayList<>(List.of("dev-stack", "sandbox"));
        modules.addAll(UnderstudyServices.MODULES);
        Jars running = jars.snapshot(workDir.resolve("jars"), modules);
        Supervisor supervisor = new Supervisor(keep, out);
        try {
            long t0 = System.currentTimeMillis();
            say(out, "starting the dev stack (a KRaft broker and the schema registry)");
            DevStack stack = DevStack.up(running.of("dev-stack"), workDir.resolve("stack"));
            supervisor.supervise("dev stack: stop it with " + stack.stopCommand(), stack);
            new Registration(stack.addresses()).createTopics();
            say(out, "starting the sandbox cloud");
            SandboxProcess sandbox = SandboxProcess.start(running.of("sandbox"), workDir.resolve("sandbox"), workDir.resolve("logs"));
            supervisor.supervise("sandbox at " + sandbox.endpoint() + " (pid " + sandbox.pid() + "): stop it with kill " + sandbox.pid(), sandbox);
            say(out, "starting the six services: " + String.join(", ", UnderstudyServices.MODULES) + " (logs in " + workDir.resolve("logs") + ")");
            UnderstudyServices services = UnderstudyServices.start(running, stack.addresses(), sandbox.endpoint(), workDir);
            supervisor.supervise("services: stop them with kill " + services.processes().stream()
                    .map(p -> String.valueOf(p.pid())).reduce((a, b) -> a + " " + b).orElse(""), services);
            SandboxEc2Client ec2 = new SandboxEc2Client(sandbox.endpoint());
            say(out, String.format(java.util.Locale.ROOT, "all up in %.1f s", (System.currentTimeMillis() - t0) / 1000.0));
            return new DemoRun(supervisor, stack, sandbox, services, ec2, workDir, out);
        } catch (Exception | Error e) {
            supervisor.abort();
            throw e;
        }
    }

    public ScenarioResult takeover(ScenarioSettings settings) throws Exception {
        return new TakeoverScenario(cloud(), understudy(), out).run(EnvironmentPlan.DEMO, settings);
    }

    /** The sandbox as the owner of an environment reaches it: EC2, crashes, the instances' software. */
    public SandboxBackedCloud cloud() {
        return new SandboxBackedCloud(ec2, sandboxApi(), SandboxTls.proxyConfiguratorAccess(sandboxDir()));
    }

    /** The running services as their users reach them: Kafka, and the monitor's metrics. */
    public Understudy understudy() {
        return new RunningUnderstudy(stack.addresses(), new HealthMonitorMetrics(services));
    }

    public SandboxApiClient sandboxApi() {
        return new SandboxApiClient(sandbox.endpoint());
    }

    public SandboxEc2Client ec2() {
        return ec2;
    }

    public KafkaAddresses kafka() {
        return stack.addresses();
    }

    public Path workDir() {
        return workDir;
    }

    public Path sandboxDir() {
        return workDir.resolve("sandbox");
    }

    @Override
    public void close() {
        ec2.close();
        supervisor.close();
    }

    /** Each run starts from nothing: old Kafka data or sandbox state would mix two runs. */
    private static void clean(Path workDir) throws IOException {
        if (Files.exists(workDir)) {
            try (Stream<Path> paths = Files.walk(workDir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
        Files.createDirectories(workDir);
    }

    private static void say(PrintStream out, String text) {
        out.println("==> " + text);
        out.flush();
    }
}
