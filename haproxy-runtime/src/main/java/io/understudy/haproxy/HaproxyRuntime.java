package io.understudy.haproxy;

import java.time.Duration;
import java.util.List;

/**
 * HAProxy's runtime API of one instance, over mutual TLS or, for old instances, in plaintext, as the
 * {@link RuntimeApiAccess} says. Changes made here live in the running worker only: a reload or restart starts from
 * the configuration file again.
 */
public final class HaproxyRuntime {
    private final String host;
    private final int port;
    private final RuntimeApiAccess access;
    private final Duration timeout;

    HaproxyRuntime(String host, int port, RuntimeApiAccess access, Duration timeout) {
        this.host = host;
        this.port = port;
        this.access = access;
        this.timeout = timeout;
    }

    /**
     * Sends one command on a connection of its own and returns HAProxy's raw answer.
     *
     * @throws HaproxyTlsException         when the TLS handshake fails in a way that holds until certificates change
     * @throws HaproxyUnavailableException when HAProxy cannot be reached or does not answer in time
     */
    public String send(String command) {
        return access.exchange(host, port, command, timeout);
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
        return "HaproxyRuntime[" + address() + (access.plaintextOnly() ? ", plaintext" : ", mutual TLS") + "]";
    }
}
