package io.understudy.proxy.haproxy;

import io.understudy.haproxy.ClientPemFiles;
import io.understudy.haproxy.RuntimeApiAccess;

import java.nio.file.Path;

/**
 * {@code understudy.proxy.tls.*}: how proxy-configurator reaches every instance's runtime API. Mutual TLS unless
 * {@code enabled} is false, which only instances whose runtime API still listens in plaintext should need.
 *
 * @param enabled     mutual TLS; false: plaintext, to anyone who reaches the admin port
 * @param ca          PEM certificate(s) of the authority that signs the instances' runtime API certificates
 * @param certificate PEM client certificate, proxy-configurator's own, signed by that authority for TLS clients
 * @param key         its unencrypted PKCS#8 PEM key, readable by this service's user alone
 */
public record RuntimeApiTlsSettings(boolean enabled, String ca, String certificate, String key) {

    /**
     * @throws IllegalArgumentException naming the settings, their environment variables and what is wrong: files
     *                                  not given, missing, unreadable, or not a usable client certificate and key
     */
    public RuntimeApiAccess access() {
        if (!enabled) {
            return RuntimeApiAccess.plaintext();
        }
        if (blank(ca) || blank(certificate) || blank(key)) {
            throw new IllegalArgumentException("the instances' runtime API takes mutual TLS: set understudy.proxy.tls.ca, "
                    + "understudy.proxy.tls.certificate and understudy.proxy.tls.key (UNDERSTUDY_PROXY_TLS_CA, "
                    + "UNDERSTUDY_PROXY_TLS_CERTIFICATE, UNDERSTUDY_PROXY_TLS_KEY) to PEM files: the authority, and this service's "
                    + "client certificate and key (given: ca=" + shown(ca) + ", certificate=" + shown(certificate) + ", key=" + shown(key)
                    + "). Only for instances whose runtime API is still plaintext: understudy.proxy.tls.enabled=false");
        }
        try {
            return RuntimeApiAccess.mutualTls(new ClientPemFiles(Path.of(ca), Path.of(certificate), Path.of(key)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("understudy.proxy.tls (UNDERSTUDY_PROXY_TLS_CA, _CERTIFICATE, _KEY): " + e.getMessage(), e);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String shown(String value) {
        return blank(value) ? "(empty)" : value;
    }
}
