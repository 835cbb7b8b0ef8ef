package io.understudy.demo.instance;

import io.understudy.demo.environment.AppInstance;
import io.understudy.haproxy.HaproxyRuntime;
import io.understudy.haproxy.RuntimeApiAccess;
import io.understudy.haproxy.ServerState;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The master's HAProxy as the environment has it before Understudy watches it: every app instance a server of
 * backend {@code app}, named after its instance id as the proxy-configurator names them. Only what is missing is
 * added, so it does not matter whether the sandbox already did it.
 *
 * <p>It reaches the runtime API with proxy-configurator's client certificate ({@link SandboxTls}) rather than one of
 * its own: this is the operator setting up the first master on the machine that holds proxy-configurator's files
 * anyway. On EC2 the first master's servers come with its haproxy.cfg, and no second client certificate, another key
 * that could re-point every site, should exist for a one-off.
 */
public final class MasterProxy {
    private final HaproxyRuntime runtime;

    public MasterProxy(String masterAddress, RuntimeApiAccess access) {
        this.runtime = access.at(masterAddress, SandboxPorts.ADMIN, Duration.ofSeconds(3));
    }

    public void serve(List<AppInstance> instances) {
        Set<String> present = servers();
        for (AppInstance instance : instances) {
            if (!present.contains(instance.instanceId())) {
                String server = SandboxPorts.BACKEND + "/" + instance.instanceId();
                runtime.send("add server " + server + " " + instance.privateAddress() + ":" + SandboxPorts.APP);
                runtime.send("enable server " + server);
            }
        }
    }

    public Set<String> servers() {
        return runtime.serversState(SandboxPorts.BACKEND).stream().map(ServerState::name).collect(Collectors.toSet());
    }
}
