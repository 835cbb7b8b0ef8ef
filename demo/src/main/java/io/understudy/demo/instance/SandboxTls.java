package io.understudy.demo.instance;

import io.understudy.haproxy.ClientPemFiles;
import io.understudy.haproxy.RuntimeApiAccess;

import java.nio.file.Path;
import java.util.Map;

/**
 * The runtime API's client files the sandbox writes at start (the sandbox's {@code local.RuntimeApiCertificates}):
 * {@code <sandbox dir>/tls/ca.pem}, {@code proxy-configurator.pem} and {@code proxy-configurator.key}. They are
 * proxy-configurator's; the demo borrows them for {@link MasterProxy}, see there why.
 */
public final class SandboxTls {
    private static final String DIRECTORY = "tls";

    private SandboxTls() {
    }

    public static ClientPemFiles proxyConfigurator(Path sandboxDir) {
        return ClientPemFiles.in(sandboxDir.resolve(DIRECTORY), ClientPemFiles.PROXY_CONFIGURATOR);
    }

    /** The runtime API of the sandbox's instances as proxy-configurator reaches it; the files must exist (the sandbox runs). */
    public static RuntimeApiAccess proxyConfiguratorAccess(Path sandboxDir) {
        return RuntimeApiAccess.mutualTls(proxyConfigurator(sandboxDir));
    }

    /** proxy-configurator's settings for these files, as environment variables. */
    public static Map<String, String> proxyConfiguratorEnvironment(Path sandboxDir) {
        ClientPemFiles files = proxyConfigurator(sandboxDir);
        return Map.of("UNDERSTUDY_PROXY_TLS_CA", files.authority().toString(),
                "UNDERSTUDY_PROXY_TLS_CERTIFICATE", files.certificate().toString(),
                "UNDERSTUDY_PROXY_TLS_KEY", files.key().toString());
    }
}
