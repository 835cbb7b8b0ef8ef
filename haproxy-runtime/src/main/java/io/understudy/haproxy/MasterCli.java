package io.understudy.haproxy;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The master CLI of HAProxy in master-worker mode ({@code -W -S <socket>}): it sees the worker processes and
 * reloads them. A reload re-reads the configuration file, so runtime API changes not persisted there are lost.
 */
public final class MasterCli {
    private final SocketAddress address;
    private final Duration timeout;

    private MasterCli(SocketAddress address, Duration timeout) {
        this.address = address;
        this.timeout = timeout;
    }

    public static MasterCli unixSocket(Path socket, Duration timeout) {
        return new MasterCli(UnixDomainSocketAddress.of(socket), timeout);
    }

    public static MasterCli tcp(String host, int port, Duration timeout) {
        return new MasterCli(new InetSocketAddress(host, port), timeout);
    }

    /** @throws HaproxyUnavailableException when the master cannot be reached */
    public String send(String command) {
        return CliExchange.exchange(address, command, timeout);
    }

    /** The master and its current workers; workers still finishing old connections after a reload too. */
    public List<HaproxyProc> processes() {
        String answer = send("show proc");
        if (!answer.startsWith("#<PID>")) {
            throw new HaproxyRefusedException("show proc", answer);
        }
        List<HaproxyProc> processes = new ArrayList<>();
        for (String line : answer.lines().toList()) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length >= 3 && fields[0].matches("\\d+")) {
                processes.add(new HaproxyProc(Long.parseLong(fields[0]), fields[1], Integer.parseInt(fields[2])));
            }
        }
        return List.copyOf(processes);
    }

    public List<HaproxyProc> workers() {
        return processes().stream().filter(HaproxyProc::worker).toList();
    }

    /**
     * Asks the master to re-read its configuration and start new workers; old workers finish their connections.
     * HAProxy 2.6 answers nothing and re-executes itself, so the socket refuses connections for a moment:
     * poll {@link #processes()} for the new worker.
     */
    public void reload() {
        send("reload");
    }

    @Override
    public String toString() {
        return "MasterCli[" + CliExchange.describe(address) + "]";
    }
}
