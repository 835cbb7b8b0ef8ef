package io.understudy.demo.cloud;

import io.understudy.demo.environment.DemoEnvironment;
import io.understudy.demo.instance.AppHealth;
import io.understudy.demo.instance.SandboxPorts;
import io.understudy.demo.summary.Aftermath;
import io.understudy.demo.traffic.AppHttp;
import software.amazon.awssdk.services.ec2.model.Instance;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Reads the environment's state from the outside world: EC2 (the running app instances, the replacement's stack
 * version tag), the sandbox (which instance processes are alive) and each instance's own /health (role, cron).
 */
final class EnvironmentInspection {
    private final SandboxEc2Client ec2;
    private final SandboxApiClient sandbox;
    private final AppHttp http;

    EnvironmentInspection(SandboxEc2Client ec2, SandboxApiClient sandbox, AppHttp http) {
        this.ec2 = ec2;
        this.sandbox = sandbox;
        this.http = http;
    }

    Aftermath aftermath(DemoEnvironment environment, String replacement) {
        int cron = (int) alive(environment).stream().map(i -> AppHealth.of(http, i.privateAddress()))
                .flatMap(Optional::stream).filter(AppHealth::cron).count();
        String replacementVersion = replacement == null ? null : ec2.instance(replacement)
                .map(i -> SandboxEc2Client.tagValue(i, SandboxEc2Client.STACK_VERSION_TAG)).orElse(null);
        return new Aftermath(elasticIpServer(environment), cron, replacementVersion, appInstancesServing(environment));
    }

    /**
     * Which instance serves the Elastic IP, seen from outside: a write through it lands on the /data of the
     * instance whose HAProxy received it, so the instance that then has the key is the one answering.
     */
    String elasticIpServer(DemoEnvironment environment) {
        String key = "elastic-ip-probe-" + UUID.randomUUID().toString().substring(0, 8);
        if (!http.post(environment.publicUrl(SandboxPorts.PROXY) + "/data/" + key, key).is(201)) {
            return "nobody";
        }
        return alive(environment).stream()
                .filter(i -> http.get("http://" + i.privateAddress() + ":" + SandboxPorts.APP + "/data/" + key).is(200))
                .map(SandboxInstance::instanceId).findFirst().orElse("nobody");
    }

    /** App instances EC2 says are running and whose software answers. */
    int appInstancesServing(DemoEnvironment environment) {
        List<Instance> running = ec2.instancesOf(environment.id()).stream()
                .filter(i -> "running".equals(i.state().nameAsString()))
                .filter(i -> String.valueOf(SandboxEc2Client.tagValue(i, SandboxEc2Client.ROLE_TAG)).startsWith("app_"))
                .toList();
        return (int) running.stream().filter(i -> AppHealth.of(http, i.privateIpAddress()).isPresent()).count();
    }

    boolean serving(String instanceId) {
        return ec2.instance(instanceId).map(i -> AppHealth.of(http, i.privateIpAddress()).isPresent()).orElse(false);
    }

    /** The environment's instances whose processes live; a sandbox may hold other environments too. */
    private List<SandboxInstance> alive(DemoEnvironment environment) {
        Set<String> ours = ec2.instancesOf(environment.id()).stream().map(Instance::instanceId).collect(Collectors.toSet());
        return sandbox.instances().stream().filter(i -> i.alive() && ours.contains(i.instanceId())).toList();
    }
}
