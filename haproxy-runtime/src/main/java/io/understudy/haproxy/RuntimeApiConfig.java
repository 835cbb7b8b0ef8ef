package io.understudy.haproxy;

import java.nio.file.Path;

/**
 * The instance's side of the runtime API, as haproxy.cfg lines: what the sandbox writes for its instances, the tests
 * for theirs, and what an instance on EC2 must carry.
 *
 * <p>HAProxy 2.6 accepts {@code ssl crt ... ca-file ... verify required} on a {@code stats socket} line and then
 * ignores it: the socket answers in plaintext (seen with 2.6.12). So the runtime API itself listens on a unix socket
 * only this HAProxy and root can open, and frontend {@value #FRONTEND} on {@code <address>:<port>} terminates mutual TLS
 * and relays each connection to it: the server certificate names the instance's address, and only clients with a
 * certificate for TLS clients signed by the authority in {@code authority} get through (a server certificate of the
 * same authority is refused: HAProxy checks the client purpose).
 *
 * @param address           the instance's private address, where the runtime API is reached
 * @param port              the admin port ({@code understudy.proxy.admin-port}, 9999 by default)
 * @param certificateBundle the instance's server certificate and its key in one PEM file (HAProxy's {@code crt})
 * @param authority         the PEM certificate(s) of the authority that signs the clients' certificates
 * @param localSocket       the unix socket the frontend relays to (relative paths are resolved from HAProxy's working
 *                          directory; HAProxy refuses a socket path over 97 bytes)
 */
public record RuntimeApiConfig(String address, int port, Path certificateBundle, Path authority, Path localSocket) {
    public static final String FRONTEND = "runtime_api";
    public static final String BACKEND = "runtime_api_socket";

    /** For {@code global}: the runtime API at admin level, on the local socket alone. */
    public String globalLines() {
        return "    stats socket unix@" + localSocket + " mode 600 level admin\n";
    }

    /** The frontend that terminates mutual TLS, and the backend that relays to the local socket. */
    public String sections() {
        return """
                frontend %1$s
                    mode tcp
                    bind %3$s:%4$d ssl crt %5$s ca-file %6$s verify required ssl-min-ver TLSv1.2
                    timeout client 10s
                    default_backend %2$s

                backend %2$s
                    mode tcp
                    timeout connect 1s
                    timeout server 10s
                    server runtime_api unix@%7$s
                """.formatted(FRONTEND, BACKEND, address, port, certificateBundle, authority, localSocket);
    }

    /** For {@code global} of an instance set up before mutual TLS: the runtime API in plaintext on its address. */
    public static String plaintextGlobalLines(String address, int port) {
        return "    stats socket ipv4@" + address + ":" + port + " level admin\n";
    }
}
