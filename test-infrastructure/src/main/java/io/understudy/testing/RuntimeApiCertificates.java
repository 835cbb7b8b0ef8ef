package io.understudy.testing;

import io.understudy.certificates.CertificateAuthority;
import io.understudy.haproxy.ClientPemFiles;
import io.understudy.haproxy.RuntimeApiAccess;
import io.understudy.haproxy.RuntimeApiConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The authority of instances' runtime APIs, as a deployment has one: it signs every {@link AppInstance}'s server
 * certificate (its private address as IP name) and proxy-configurator's client certificate, the only client
 * certificate there is. One per test JVM ({@link #get()}), made on first use under
 * {@code target/infrastructure-<pid>/runtime-api-tls-<n>}; {@link #create} makes another, for tests of what the
 * runtime API refuses.
 */
public final class RuntimeApiCertificates {
    /** What the instance's HAProxy relays the runtime API to; relative to its working directory, the instance's. */
    static final Path LOCAL_SOCKET = Path.of("runtime-api.sock");
    private static RuntimeApiCertificates suite;

    private final CertificateAuthority authority;
    private final Path dir;
    private final RuntimeApiAccess proxyConfigurator;

    private RuntimeApiCertificates(String name) {
        this.authority = CertificateAuthority.create(name);
        this.dir = Infrastructure.workDir("runtime-api-tls");
        authority.writeCertificate(dir.resolve(ClientPemFiles.AUTHORITY_FILE));
        ClientPemFiles client = issueClient(ClientPemFiles.PROXY_CONFIGURATOR);
        this.proxyConfigurator = RuntimeApiAccess.mutualTls(client);
    }

    /** The suite's authority: every AppInstance trusts it, and ServiceEnvironment hands proxy-configurator its files. */
    public static synchronized RuntimeApiCertificates get() {
        if (suite == null) {
            suite = new RuntimeApiCertificates("understudy-test-runtime-api-ca");
        }
        return suite;
    }

    /** Another authority, {@code CN=<name>}: instances of the suite refuse its clients, and its servers are not trusted. */
    public static RuntimeApiCertificates create(String name) {
        return new RuntimeApiCertificates(name);
    }

    /** proxy-configurator's files: {@code ca.pem}, {@code proxy-configurator.pem} and {@code proxy-configurator.key}. */
    public ClientPemFiles proxyConfiguratorFiles() {
        return ClientPemFiles.in(dir, ClientPemFiles.PROXY_CONFIGURATOR);
    }

    /** The runtime API as proxy-configurator reaches it, with its client certificate. */
    public RuntimeApiAccess proxyConfigurator() {
        return proxyConfigurator;
    }

    /** proxy-configurator's settings for these files, by the environment variables a service process reads. */
    public Map<String, String> proxyConfiguratorEnvironment() {
        ClientPemFiles files = proxyConfiguratorFiles();
        return Map.of("UNDERSTUDY_PROXY_TLS_CA", files.authority().toString(),
                "UNDERSTUDY_PROXY_TLS_CERTIFICATE", files.certificate().toString(),
                "UNDERSTUDY_PROXY_TLS_KEY", files.key().toString());
    }

    public Path authorityPem() {
        return dir.resolve(ClientPemFiles.AUTHORITY_FILE);
    }

    /** A client certificate of this authority, {@code <dir>/<name>.pem} and {@code .key}, beside {@code ca.pem}. */
    public ClientPemFiles issueClient(String name) {
        ClientPemFiles files = ClientPemFiles.in(dir, name);
        authority.issue(name, List.of(), CertificateAuthority.Usage.CLIENT).writePem(files.certificate(), files.key());
        return files;
    }

    /**
     * What an instance at {@code address} serves its runtime API on {@code port} with: a server certificate for the
     * address in {@code <workDir>/runtime-api.pem}, the authority's certificate in {@code <workDir>/runtime-api-ca.pem}
     * (copied, as an instance has its own), and the local socket in the instance's working directory.
     */
    public RuntimeApiConfig serverConfig(Path workDir, String address, int port) {
        Path bundle = workDir.toAbsolutePath().resolve("runtime-api.pem");
        Path authorityCopy = workDir.toAbsolutePath().resolve("runtime-api-ca.pem");
        authority.issue("runtime-api " + address, List.of(address), CertificateAuthority.Usage.SERVER).writeBundle(bundle);
        authority.writeCertificate(authorityCopy);
        return new RuntimeApiConfig(address, port, bundle, authorityCopy, LOCAL_SOCKET);
    }
}
