package io.understudy.haproxy;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;

/**
 * How this side reaches instances' runtime APIs: over mutual TLS with a client certificate (what every instance set
 * up by Understudy serves, see {@link RuntimeApiConfig}), or in plaintext, for instances whose runtime API predates
 * that and only when asked for by name.
 */
public final class RuntimeApiAccess {
    private final PemTls tls;

    private RuntimeApiAccess(PemTls tls) {
        this.tls = tls;
    }

    /**
     * Mutual TLS with the client certificate and key of {@code files}, trusting servers whose certificate chains to
     * the files' authority and names the address connected to. The files are read now, and again whenever they change.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it (missing, no PEM, a key that is not
     *                                  the certificate's, an expired certificate, one not meant for TLS clients)
     */
    public static RuntimeApiAccess mutualTls(ClientPemFiles files) {
        return mutualTls(files, Clock.systemUTC());
    }

    static RuntimeApiAccess mutualTls(ClientPemFiles files, Clock clock) {
        return new RuntimeApiAccess(PemTls.load(files, clock));
    }

    /** No TLS: anyone who reaches the port can re-point the site. Only for instances not set up with mutual TLS yet. */
    public static RuntimeApiAccess plaintext() {
        return new RuntimeApiAccess(null);
    }

    public boolean plaintextOnly() {
        return tls == null;
    }

    /** The runtime API of HAProxy at {@code host:port} (an instance's private address and admin port). */
    public HaproxyRuntime at(String host, int port, Duration timeout) {
        return new HaproxyRuntime(host, port, this, timeout);
    }

    String exchange(String host, int port, String command, Duration timeout) {
        return tls == null
                ? CliExchange.exchange(new InetSocketAddress(host, port), command, timeout)
                : TlsExchange.exchange(tls, host, port, command, timeout);
    }

    /** For logs: the mode, and with TLS the certificate presented and the authority trusted. */
    public String describe() {
        if (tls == null) {
            return "plaintext (no TLS, no client certificate)";
        }
        PemTls.Client client = tls.client();
        return "mutual TLS as " + client.describe() + " from " + tls.files().certificate() + ", trusting "
                + client.authorities().stream().map(a -> a.getSubjectX500Principal().getName()).toList() + " from " + tls.files().authority();
    }

    @Override
    public String toString() {
        return tls == null ? "RuntimeApiAccess[plaintext]" : "RuntimeApiAccess[mutual TLS, " + tls.files().certificate() + "]";
    }
}
