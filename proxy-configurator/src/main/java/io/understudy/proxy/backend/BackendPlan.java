package io.understudy.proxy.backend;

import io.understudy.proxy.Ipv4;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What it takes to make a backend hold exactly the wanted servers: the diff of wanted and configured servers
 * as runtime API commands. Pure, so it can be checked line by line; an empty plan means nothing to do, which
 * is what makes a repeated command harmless.
 *
 * <p>New servers go in before unwanted ones leave, so the backend is never emptier than it must be.
 *
 * <p>No server is ever deleted: HAProxy 2.6 (Debian 12's) crashes with a segmentation fault when {@code del server}
 * removes a dynamic server while traffic flows through the backend, even after maintenance, {@code shutdown
 * sessions} and its sessions reaching zero (seen here within a few rounds; fixed upstream in 2.9, "don't delete a
 * dynamic server that has streams"). The crash takes the master's frontend down with it. So a server that leaves is
 * retired instead: health checks off, maintenance, its sessions shut; it takes no traffic and a reload forgets it.
 * A retired server that is wanted again, or one pointing elsewhere, is repaired in place ({@code set server ...
 * addr}, checks on, ready), which also covers every state an interrupted earlier attempt can leave behind.
 *
 * @param added    instances that were not in the backend before
 * @param removed  instances that leave the backend (are retired) in this plan
 * @param repaired instances that stay but were in maintenance or pointed elsewhere
 */
public record BackendPlan(List<RuntimeCommand> commands, List<String> added, List<String> removed, List<String> repaired) {
    // HAProxy's server-name characters; also keeps ';' and newlines, which chain runtime commands, out
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:-]+");

    public BackendPlan {
        commands = List.copyOf(commands);
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        repaired = List.copyOf(repaired);
    }

    /** @throws InvalidServersException when the wanted servers cannot be configured as given */
    public static BackendPlan reconcile(String backend, List<AppServer> wanted, List<ConfiguredServer> configured, boolean checks) {
        validate(wanted);
        Map<String, ConfiguredServer> current = configured.stream()
                .collect(Collectors.toMap(ConfiguredServer::instanceId, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        Commands commands = new Commands(backend, checks);
        List<RuntimeCommand> arrivals = new ArrayList<>();
        List<RuntimeCommand> departures = new ArrayList<>();
        List<String> added = new ArrayList<>();
        List<String> repaired = new ArrayList<>();
        for (AppServer server : wanted) {
            ConfiguredServer existing = current.remove(server.instanceId());
            if (existing == null) {
                arrivals.addAll(commands.add(server));
                added.add(server.instanceId());
            } else if (!existing.serves(server)) {
                arrivals.addAll(commands.repair(server));
                repaired.add(server.instanceId());
            } else if (existing.admin() == ConfiguredServer.AdminState.DRAIN) {
                arrivals.add(commands.ready(server.instanceId()));
            }
        }
        List<String> removed = current.values().stream().filter(c -> c.admin() != ConfiguredServer.AdminState.MAINT)
                .map(ConfiguredServer::instanceId).toList();
        removed.forEach(id -> departures.addAll(commands.retire(id)));
        List<RuntimeCommand> all = new ArrayList<>(arrivals);
        all.addAll(departures);
        return new BackendPlan(all, added, removed, repaired);
    }

    public boolean nothingToDo() {
        return commands.isEmpty();
    }

    private static void validate(List<AppServer> wanted) {
        Set<String> seen = new HashSet<>();
        for (AppServer server : wanted) {
            if (server.instanceId() == null || !NAME.matcher(server.instanceId()).matches()) {
                throw new InvalidServersException("'" + server.instanceId() + "' cannot name an HAProxy server");
            }
            if (!Ipv4.isLiteral(server.address())) {
                throw new InvalidServersException("'" + server.address() + "' of " + server.instanceId() + " is not an IPv4 address");
            }
            if (server.port() < 1 || server.port() > 65535) {
                throw new InvalidServersException("port " + server.port() + " of " + server.instanceId() + " is out of range");
            }
            if (!seen.add(server.instanceId())) {
                throw new InvalidServersException(server.instanceId() + " is wanted twice");
            }
        }
    }

    /** The runtime API's words for each change. */
    private record Commands(String backend, boolean checks) {

        List<RuntimeCommand> add(AppServer server) {
            String name = backend + "/" + server.instanceId();
            List<RuntimeCommand> commands = new ArrayList<>();
            commands.add(new RuntimeCommand("add server " + name + " " + server.address() + ":" + server.port() + (checks ? " check" : ""),
                    RuntimeCommand.Answer.SERVER_REGISTERED));
            if (checks) {
                // HAProxy 2.6 leaves the checks of a server added at run time off until asked
                commands.add(RuntimeCommand.silent("enable health " + name));
            }
            // servers added at run time start in maintenance
            commands.add(RuntimeCommand.silent("enable server " + name));
            return commands;
        }

        /** Out of service for good, but kept: see the class comment on why it is not deleted. */
        List<RuntimeCommand> retire(String instanceId) {
            String name = backend + "/" + instanceId;
            List<RuntimeCommand> commands = new ArrayList<>();
            if (checks) {
                commands.add(RuntimeCommand.silent("disable health " + name));
            }
            commands.add(RuntimeCommand.silent("set server " + name + " state maint"));
            commands.add(RuntimeCommand.silent("shutdown sessions server " + name));
            return commands;
        }

        /** A server that is wanted but retired or pointing elsewhere: pointed at the wanted address and put in service. */
        List<RuntimeCommand> repair(AppServer server) {
            String name = backend + "/" + server.instanceId();
            List<RuntimeCommand> commands = new ArrayList<>();
            commands.add(RuntimeCommand.silent("set server " + name + " state maint"));
            commands.add(new RuntimeCommand("set server " + name + " addr " + server.address() + " port " + server.port(),
                    RuntimeCommand.Answer.ADDRESS_CHANGED));
            if (checks) {
                commands.add(RuntimeCommand.silent("enable health " + name));
            }
            commands.add(RuntimeCommand.silent("set server " + name + " state ready"));
            return commands;
        }

        RuntimeCommand ready(String instanceId) {
            return RuntimeCommand.silent("set server " + backend + "/" + instanceId + " state ready");
        }
    }
}
