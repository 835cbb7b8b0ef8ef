package io.understudy.proxy.haproxy;

import io.understudy.haproxy.HaproxyRefusedException;
import io.understudy.haproxy.HaproxyRuntime;
import io.understudy.haproxy.HaproxyUnavailableException;
import io.understudy.haproxy.RuntimeApiAccess;
import io.understudy.haproxy.ServerState;
import io.understudy.proxy.ProxySettings;
import io.understudy.proxy.backend.ConfiguredServer;
import io.understudy.proxy.backend.RuntimeCommand;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The backend of an instance's HAProxy, read and changed through the runtime API at
 * {@code <instance address>:<admin port>}, over mutual TLS with proxy-configurator's client certificate (see
 * {@link RuntimeApiTlsSettings}); a refused handshake is an unavailable HAProxy whose message says why.
 *
 * <p>Runtime API changes live only in the running worker: an HAProxy reload or restart starts again from
 * haproxy.cfg and forgets every server added or deleted here, unless the instance persists them
 * ({@code server-state-file} with {@code load-server-state-from-file}, which restores the state of servers the
 * configuration declares, not servers added at run time) or its configuration is rewritten to match. After a
 * reload the next ConfigureProxy (the orchestrator's, or a replay) puts the servers back.
 */
@Singleton
public class HaproxyBackends {
    private final ProxySettings settings;
    private final RuntimeApiAccess access;

    public HaproxyBackends(ProxySettings settings, RuntimeApiAccess access) {
        this.settings = settings;
        this.access = access;
    }

    /**
     * @throws HaproxyUnavailableException when the instance's runtime API does not answer
     * @throws HaproxyRefusedException     when the backend does not exist
     */
    public List<ConfiguredServer> servers(String instanceAddress) {
        return runtime(instanceAddress).serversState(settings.backend()).stream().map(HaproxyBackends::configured).toList();
    }

    /**
     * Sends the commands in order, stopping at the first that HAProxy does not accept.
     *
     * @throws HaproxyUnavailableException when the runtime API stops answering
     * @throws HaproxyRefusedException     with HAProxy's answer when a command is refused
     */
    public void apply(String instanceAddress, List<RuntimeCommand> commands) {
        HaproxyRuntime runtime = runtime(instanceAddress);
        for (RuntimeCommand command : commands) {
            String answer = runtime.send(command.text());
            if (!command.expected().accepts(answer)) {
                throw new HaproxyRefusedException(command.text(), answer);
            }
        }
    }

    private HaproxyRuntime runtime(String instanceAddress) {
        return access.at(instanceAddress, settings.adminPort(), settings.timeout());
    }

    private static ConfiguredServer configured(ServerState state) {
        return new ConfiguredServer(state.name(), state.address(), state.port(), ConfiguredServer.AdminState.valueOf(state.adminState()));
    }
}
