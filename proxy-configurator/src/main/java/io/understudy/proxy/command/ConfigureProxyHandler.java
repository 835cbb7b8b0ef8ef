package io.understudy.proxy.command;

import io.understudy.contract.ProxyConfigured;
import io.understudy.contract.ConfigureProxy;
import io.understudy.contract.ProxyServer;
import io.understudy.execution.CommandHandler;
import io.understudy.execution.Outcome;
import io.understudy.haproxy.HaproxyRefusedException;
import io.understudy.haproxy.HaproxyUnavailableException;
import io.understudy.proxy.ProxySettings;
import io.understudy.proxy.backend.AppServer;
import io.understudy.proxy.backend.BackendPlan;
import io.understudy.proxy.backend.ConfiguredServer;
import io.understudy.proxy.backend.InvalidServersException;
import io.understudy.proxy.haproxy.HaproxyBackends;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Makes the HAProxy of the command's instance balance over exactly the command's servers. Reads what is
 * configured first and changes only the difference, so a redelivered command changes nothing.
 *
 * <p>Outputs: {@code servers} (the instance ids now configured, comma-separated, in the command's order) and
 * {@code previousServers} (those configured before), so that a compensation can restore the previous set;
 * {@code added}, {@code removed} and {@code repaired} tell what this run changed.
 */
@Singleton
public class ConfigureProxyHandler implements CommandHandler<ConfigureProxy> {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigureProxyHandler.class);
    // HAProxy answers so while a deleted server's sessions are still closing: another try will pass
    private static final List<String> PASSING_REFUSALS = List.of("still has connections");

    private final HaproxyBackends backends;
    private final ProxySettings settings;

    public ConfigureProxyHandler(HaproxyBackends backends, ProxySettings settings) {
        this.backends = backends;
        this.settings = settings;
    }

    @Override
    public Class<ConfigureProxy> commandType() {
        return ConfigureProxy.class;
    }

    @Override
    public Outcome handle(ConfigureProxy command) {
        String instance = command.getInstanceId() + " at " + command.getInstanceAddress() + ":" + settings.adminPort();
        try {
            List<ConfiguredServer> before = backends.servers(command.getInstanceAddress());
            BackendPlan plan = BackendPlan.reconcile(settings.backend(), wanted(command), before, settings.serverChecks());
            backends.apply(command.getInstanceAddress(), plan.commands());
            log(command, plan);
            return Outcome.succeeded(outputs(command, before, plan));
        } catch (HaproxyUnavailableException e) {
            return Outcome.failedRetriably("HAProxy of " + instance + " is unreachable: " + e.getMessage());
        } catch (InvalidServersException e) {
            return Outcome.failedPermanently("cannot configure HAProxy of " + instance + ": " + e.getMessage());
        } catch (HaproxyRefusedException e) {
            String error = "HAProxy of " + instance + " refused: " + e.getMessage();
            return passing(e.answer()) ? Outcome.failedRetriably(error) : Outcome.failedPermanently(error);
        }
    }

    private List<AppServer> wanted(ConfigureProxy command) {
        return command.getServers().stream().map(this::appServer).toList();
    }

    private AppServer appServer(ProxyServer server) {
        return new AppServer(server.getInstanceId(), server.getAddress(), settings.appPort());
    }

    private static ProxyConfigured outputs(ConfigureProxy command, List<ConfiguredServer> before, BackendPlan plan) {
        return new ProxyConfigured(command.getServers().stream().map(ProxyServer::getInstanceId).toList(),
                // a retired server (in maintenance) served nothing: restoring the previous set leaves it out
                before.stream().filter(ConfiguredServer::inService).map(ConfiguredServer::instanceId).toList(),
                List.copyOf(plan.added()), List.copyOf(plan.removed()), List.copyOf(plan.repaired()));
    }

    private static boolean passing(String answer) {
        return PASSING_REFUSALS.stream().anyMatch(answer::contains);
    }

    private static void log(ConfigureProxy command, BackendPlan plan) {
        if (plan.nothingToDo()) {
            LOG.info("{}: HAProxy of {} already has the wanted servers", command.getMeta().getEventId(), command.getInstanceId());
        } else {
            LOG.info("{}: HAProxy of {}: added {}, removed {}, repaired {}", command.getMeta().getEventId(),
                    command.getInstanceId(), plan.added(), plan.removed(), plan.repaired());
        }
    }
}
