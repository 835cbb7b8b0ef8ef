package io.understudy.sandbox.local;

import io.understudy.certificates.CertificateAuthority;
import io.understudy.haproxy.ClientPemFiles;
import io.understudy.haproxy.RuntimeApiConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The cloud's authority for its instances' runtime API, made at every start: it signs each instance's server
 * certificate when the instance boots (its private address as IP name) and proxy-configurator's client certificate,
 * the only client certificate there is.
 *
 * <p>Files: {@code <dir>/tls/ca.pem}, {@code <dir>/tls/proxy-configurator.pem} and {@code .key} (what proxy-configurator
 * is given: {@code UNDERSTUDY_PROXY_TLS_CA}, {@code _CERTIFICATE}, {@code _KEY}); per instance
 * {@code instances/<id>/runtime-api.pem} (certificate and key) and {@code instances/<id>/runtime-api-ca.pem}.
 */
final class RuntimeApiCertificates {
    /** Below the sandbox's directory; the demo reads proxy-configurator's files from there. */
    static final String DIRECTORY = "tls";
    static final Path SERVER_BUNDLE = Path.of("runtime-api.pem");
    static final Path AUTHORITY = Path.of("runtime-api-ca.pem");
    static final Path LOCAL_SOCKET = Path.of("runtime-api.sock");
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeApiCertificates.class);

    private final CertificateAuthority authority;
    private final Path dir;

    RuntimeApiCertificates(Path root) {
        this.dir = root.resolve(DIRECTORY);
        this.authority = CertificateAuthority.create("understudy-sandbox-runtime-api " + root.getFileName());
        authority.writeCertificate(dir.resolve(ClientPemFiles.AUTHORITY_FILE));
        ClientPemFiles client = proxyConfigurator();
        authority.issue(ClientPemFiles.PROXY_CONFIGURATOR, List.of(), CertificateAuthority.Usage.CLIENT)
                .writePem(client.certificate(), client.key());
        LOG.info("runtime API authority {}: proxy-configurator's files are {}, {} and {}",
                authority.certificate().getSubjectX500Principal().getName(), client.authority(), client.certificate(), client.key());
    }

    ClientPemFiles proxyConfigurator() {
        return ClientPemFiles.in(dir, ClientPemFiles.PROXY_CONFIGURATOR);
    }

    /** What an instance booting at {@code address} serves its runtime API with, written into its directory. */
    void install(Machine instance, Path instanceDir) {
        authority.issue("runtime-api " + instance.instanceId(), List.of(instance.privateAddress()), CertificateAuthority.Usage.SERVER)
                .writeBundle(instanceDir.resolve(SERVER_BUNDLE));
        authority.writeCertificate(instanceDir.resolve(AUTHORITY));
    }

    /**
     * An instance whose processes outlived a sandbox killed with SIGKILL keeps the certificates of the start that
     * booted it: its HAProxy trusts that start's authority, not this one, until the instance is stopped and started.
     */
    boolean trustedBy(Path instanceDir) {
        try {
            return Files.readString(instanceDir.resolve(AUTHORITY)).equals(Files.readString(dir.resolve(ClientPemFiles.AUTHORITY_FILE)));
        } catch (IOException e) {
            return false;
        }
    }

    /** The instance's runtime API, as haproxy.cfg lines; paths are relative to the instance's directory, where HAProxy runs. */
    static RuntimeApiConfig config(String privateAddress, int port) {
        return new RuntimeApiConfig(privateAddress, port, SERVER_BUNDLE, AUTHORITY, LOCAL_SOCKET);
    }
}
