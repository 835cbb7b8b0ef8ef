package io.understudy.haproxy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * HAProxy's runtime API (the {@code stats socket ... level admin}) over TCP. Changes made here live in the
 * running worker only: a reload or restart starts from the configuration file again.
 */
public final class HaproxyRuntime {
    private final String host;
    private final int port;
    private final Duration timeout;

    public HaproxyRuntime(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeout = timeout;
    }

    /** Sends one command on a connection of its own and returns HAProxy's raw answer. */
    public String send(String command) {
        return CliExchange.exchange(new InetSocketAddress(host, port), command, timeout);
    }

    /** @throws HaproxyRefusedException when the backend does not exist */
    public List<ServerState> serversState(String backend) {
        String command = "show servers state " + backend;
        return ServersStateParser.parse(command, send(command));
    }

    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "HaproxyRuntime[" + address() + "]";
    }
}
