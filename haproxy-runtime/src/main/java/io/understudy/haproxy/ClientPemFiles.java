package io.understudy.haproxy;

import java.nio.file.Path;

/**
 * A runtime API client's PEM files: the authority that signs the instances' runtime API certificates (one or more
 * certificates), the client's certificate (optionally followed by its intermediates) and its unencrypted PKCS#8 key.
 */
public record ClientPemFiles(Path authority, Path certificate, Path key) {
    /** The one client of the runtime API: only proxy-configurator holds a client certificate. */
    public static final String PROXY_CONFIGURATOR = "proxy-configurator";
    public static final String AUTHORITY_FILE = "ca.pem";

    /** {@code <dir>/ca.pem}, {@code <dir>/<client>.pem} and {@code <dir>/<client>.key}, as the sandbox and the tests write them. */
    public static ClientPemFiles in(Path dir, String client) {
        return new ClientPemFiles(dir.resolve(AUTHORITY_FILE), dir.resolve(client + ".pem"), dir.resolve(client + ".key"));
    }
}
