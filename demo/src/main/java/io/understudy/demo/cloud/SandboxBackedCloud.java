package io.understudy.demo.cloud;

import io.understudy.demo.environment.AppInstance;
import io.understudy.demo.environment.DemoEnvironment;
import io.understudy.demo.environment.EnvironmentPlan;
import io.understudy.demo.instance.AppDuties;
import io.understudy.demo.instance.AppHealth;
import io.understudy.demo.instance.MasterProxy;
import io.understudy.demo.instance.SandboxPorts;
import io.understudy.demo.polling.Polling;
import io.understudy.demo.scenario.Cloud;
import io.understudy.demo.summary.Aftermath;
import io.understudy.demo.traffic.AppHttp;
import io.understudy.haproxy.RuntimeApiAccess;
import io.understudy.invariants.InvariantChecker;

import java.time.Duration;

import static io.understudy.demo.polling.Polling.await;

/**
 * The scenario's {@link Cloud} backed by the sandbox: EC2 through its API, crashes and process liveness through
 * the sandbox's own endpoints, the instances' software over HTTP and HAProxy's runtime API; the invariants from
 * EC2 and each instance's /health.
 */
public final class SandboxBackedCloud implements Cloud {
    private static final Duration READY = Duration.ofSeconds(60);

    private final SandboxEc2Client ec2;
    private final SandboxApiClient sandbox;
    private final RuntimeApiAccess runtimeApi;
    private final AppHttp http = new AppHttp();
    private final EnvironmentInspection inspection;

    /** @param runtimeApi how the instances' runtime API is reached, to set up the first master's HAProxy */
    public SandboxBackedCloud(SandboxEc2Client ec2, SandboxApiClient sandbox, RuntimeApiAccess runtimeApi) {
        this.ec2 = ec2;
        this.sandbox = sandbox;
        this.runtimeApi = runtimeApi;
        this.inspection = new EnvironmentInspection(ec2, sandbox, http);
    }

    @Override
    public DemoEnvironment build(String environmentId, EnvironmentPlan plan) {
        DemoEnvironment environment = ec2.create(environmentId, plan);
        for (AppInstance instance : environment.instances()) {
            await("the app on " + instance.instanceId() + " to answer").atMost(READY).pollInterval(Duration.ofMillis(200))
                    .until(() -> AppHealth.of(http, instance.privateAddress()).isPresent());
        }
        new MasterProxy(environment.master().privateAddress(), runtimeApi).serve(environment.instances());
        awaitElasticIpAtMaster(environment);
        return environment;
    }

    @Override
    public InvariantChecker watchInvariants(DemoEnvironment environment) {
        return ec2.watchInvariants(environment.id(), environment.allocationId(), new AppDuties());
    }

    @Override
    public void crash(String instanceId) {
        sandbox.kill(instanceId);
    }

    @Override
    public void awaitSettled(DemoEnvironment environment, String replacement, Duration timeout) {
        try {
            await("the environment to settle").atMost(timeout).pollInterval(Duration.ofMillis(250))
                    .until(() -> inspection.appInstancesServing(environment) >= environment.requiredCapacity() + 1
                            && (replacement == null || inspection.serving(replacement)));
        } catch (Polling.TimedOut e) {
            // the summary reads the same figures once more and reports what is missing
        }
    }

    @Override
    public Aftermath aftermath(DemoEnvironment environment, String replacement) {
        return inspection.aftermath(environment, replacement);
    }

    /**
     * Users must reach this environment's master through the Elastic IP before anything else happens: if another
     * process already listens on the public address (another sandbox on this machine), the whole run would
     * measure someone else's application.
     */
    private void awaitElasticIpAtMaster(DemoEnvironment environment) {
        String master = environment.master().instanceId();
        try {
            await("the Elastic IP " + environment.publicIp() + " to reach the master").atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(200)).until(() -> master.equals(inspection.elasticIpServer(environment)));
        } catch (Polling.TimedOut e) {
            throw new IllegalStateException("writes through the Elastic IP " + environment.publicIp() + ":" + SandboxPorts.PROXY
                    + " do not reach the master " + master + " (they reach: " + inspection.elasticIpServer(environment)
                    + "); is another process listening on that address? (ss -ltnp | grep " + environment.publicIp() + ")", e);
        }
    }
}
