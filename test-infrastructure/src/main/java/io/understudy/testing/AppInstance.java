package io.understudy.testing;

import io.understudy.haproxy.HaproxyRuntime;
import io.understudy.haproxy.RuntimeApiAccess;
import io.understudy.haproxy.RuntimeApiConfig;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What runs on one app instance, played by one real HAProxy bound to the instance's private (loopback) address:
 * a stand-in app server answering 200 "ok" on every path (so {@code /health} passes), the instance's public
 * frontend balancing over backend {@code app}, whose servers are added at run time, and the runtime API over mutual
 * TLS with a server certificate of the suite's {@link RuntimeApiCertificates} (or, for the opt-out, in plaintext).
 */
public final class AppInstance implements AutoCloseable {
    private static final Duration RUNTIME_TIMEOUT = Duration.ofSeconds(2);

    private final String privateAddress;
    private final InstancePorts ports;
    private final HaproxyProcess haproxy;
    private final RuntimeApiAccess access;

    private AppInstance(String privateAddress, InstancePorts ports, HaproxyProcess haproxy, RuntimeApiAccess access) {
        this.privateAddress = privateAddress;
        this.ports = ports;
        this.haproxy = haproxy;
        this.access = access;
    }

    /** An instance as Understudy sets them up: the runtime API takes only proxy-configurator's client certificate. */
    public static AppInstance start(Path workDir, String privateAddress, InstancePorts ports) {
        RuntimeApiCertificates certificates = RuntimeApiCertificates.get();
        RuntimeApiConfig runtimeApi = certificates.serverConfig(workDir, privateAddress, ports.admin());
        return new AppInstance(privateAddress, ports, HaproxyProcess.start(workDir, config(privateAddress, ports,
                runtimeApi.globalLines(), runtimeApi.sections())), certificates.proxyConfigurator());
    }

    /** An instance set up before mutual TLS: the runtime API in plaintext on its address, for anyone who reaches it. */
    public static AppInstance startPlaintext(Path workDir, String privateAddress, InstancePorts ports) {
        return new AppInstance(privateAddress, ports, HaproxyProcess.start(workDir, config(privateAddress, ports,
                RuntimeApiConfig.plaintextGlobalLines(privateAddress, ports.admin()), "")), RuntimeApiAccess.plaintext());
    }

    /**
     * Backend {@code app} starts empty: HAProxy 2.6 accepts {@code add server} on a backend with a dynamic
     * balancing algorithm (roundrobin) and no static servers. {@code option httpchk} applies to servers added
     * with {@code check}, which 2.6 leaves disabled until {@code enable health}.
     */
    static String config(String address, InstancePorts ports, String runtimeApiGlobal, String runtimeApiSections) {
        return """
                global
                %4$s
                    stats timeout 10s

                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s

                frontend stand_in_app
                    bind %1$s:%2$d
                    http-request return status 200 content-type text/plain string ok

                frontend public
                    bind %1$s:%3$d
                    default_backend app

                backend app
                    balance roundrobin
                    option httpchk GET /health

                %5$s
                """.formatted(address, ports.app(), ports.proxy(), runtimeApiGlobal.stripTrailing(), runtimeApiSections);
    }

    /** SIGKILL to the instance's HAProxy master and worker: the instance dies, its ports close. */
    public void kill() {
        haproxy.kill();
    }

    /** The runtime API as proxy-configurator reaches it (with its client certificate, unless the instance is plaintext). */
    public HaproxyRuntime runtime() {
        return runtime(access);
    }

    /** The runtime API as another client reaches it: without a certificate, with another authority's, in plaintext. */
    public HaproxyRuntime runtime(RuntimeApiAccess client) {
        return client.at(privateAddress, ports.admin(), RUNTIME_TIMEOUT);
    }

    public String privateAddress() {
        return privateAddress;
    }

    public InstancePorts ports() {
        return ports;
    }

    public HaproxyProcess haproxy() {
        return haproxy;
    }

    /** {@code http://<privateAddress>:<app><path>}, e.g. the health URL with path {@code /health}. */
    public String appUrl(String path) {
        return "http://" + privateAddress + ":" + ports.app() + path;
    }

    /** {@code http://<privateAddress>:<proxy><path>}: through the instance's HAProxy frontend. */
    public String proxyUrl(String path) {
        return "http://" + privateAddress + ":" + ports.proxy() + path;
    }

    @Override
    public void close() {
        haproxy.close();
    }

    @Override
    public String toString() {
        return "AppInstance[" + privateAddress + " " + ports + "]";
    }
}
