package io.understudy.certificates;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Certificates it issues hold up in real TLS handshakes of the JDK, with the checks a client and a server make. */
class CertificateAuthorityTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;

    @Test
    void aServerCertificateForAnAddressIsTrustedByClientsOfTheAuthorityWithHostnameChecks() throws Exception {
        CertificateAuthority authority = CertificateAuthority.create("understudy-test-ca");
        authority.writeCertificate(dir.resolve("ca.pem"));
        authority.issue("broker", List.of("localhost", "127.0.0.1"), CertificateAuthority.Usage.SERVER)
                .writePkcs12(dir.resolve("broker.p12"), PASSWORD, "broker");
        authority.issue("orchestrator", List.of(), CertificateAuthority.Usage.CLIENT)
                .writePkcs12(dir.resolve("client.p12"), PASSWORD, "client");

        String answer = handshake(context(dir.resolve("broker.p12"), dir.resolve("ca.pem")),
                context(dir.resolve("client.p12"), dir.resolve("ca.pem")), true);

        assertThat(answer).isEqualTo("CN=orchestrator");
    }

    @Test
    void aClientWithoutACertificateIsRefusedWhenTheServerRequiresOne() throws Exception {
        CertificateAuthority authority = CertificateAuthority.create("understudy-test-ca");
        authority.writeCertificate(dir.resolve("ca.pem"));
        authority.issue("haproxy", List.of("127.0.0.1"), CertificateAuthority.Usage.SERVER)
                .writePkcs12(dir.resolve("server.p12"), PASSWORD, "server");

        assertThatThrownBy(() -> handshake(context(dir.resolve("server.p12"), dir.resolve("ca.pem")),
                context(null, dir.resolve("ca.pem")), true)).isInstanceOf(IOException.class);
    }

    @Test
    void aServerOfAnotherAuthorityIsNotTrusted() throws Exception {
        CertificateAuthority ours = CertificateAuthority.create("ours");
        CertificateAuthority theirs = CertificateAuthority.create("theirs");
        ours.writeCertificate(dir.resolve("ours.pem"));
        theirs.issue("impostor", List.of("127.0.0.1"), CertificateAuthority.Usage.SERVER)
                .writePkcs12(dir.resolve("impostor.p12"), PASSWORD, "impostor");

        assertThatThrownBy(() -> handshake(context(dir.resolve("impostor.p12"), dir.resolve("ours.pem")),
                context(null, dir.resolve("ours.pem")), false)).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void pemFilesReadBackAndKeysAreForTheOwnerOnly() throws Exception {
        CertificateAuthority authority = CertificateAuthority.create("understudy-test-ca");
        Issued issued = authority.issue("proxy-configurator", List.of(), CertificateAuthority.Usage.CLIENT);
        issued.writePem(dir.resolve("client.pem"), dir.resolve("client.key"));
        issued.writeBundle(dir.resolve("bundle.pem"));

        X509Certificate read;
        try (InputStream in = Files.newInputStream(dir.resolve("client.pem"))) {
            read = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        read.verify(authority.certificate().getPublicKey());
        assertThat(read.getSubjectX500Principal().getName()).isEqualTo("CN=proxy-configurator");
        assertThat(Files.readString(dir.resolve("bundle.pem"))).contains("BEGIN CERTIFICATE", "BEGIN PRIVATE KEY");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("client.key")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("bundle.pem")))).isEqualTo("rw-------");
    }

    /** A TLS server on loopback and one client connection to it; answers with the client's certificate subject. */
    private static String handshake(SSLContext server, SSLContext client, boolean clientAuth) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            listener.setNeedClientAuth(clientAuth);
            CompletableFuture<String> peer = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    accepted.startHandshake();
                    return clientAuth ? ((X509Certificate) accepted.getSession().getPeerCertificates()[0])
                            .getSubjectX500Principal().getName() : "";
                } catch (IOException e) {
                    return "refused: " + e;
                }
            });
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", listener.getLocalPort())) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                // TLS 1.3 reports a refused client certificate on the first read, not in the handshake
                socket.getOutputStream().write(1);
                socket.getOutputStream().flush();
                String seen = peer.get(10, TimeUnit.SECONDS);
                if (seen.startsWith("refused")) {
                    throw new IOException(seen);
                }
                return seen;
            }
        }
    }

    private static SSLContext context(Path keyStore, Path trustedPem) throws Exception {
        KeyManagerFactory keys = null;
        if (keyStore != null) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                store.load(in, PASSWORD);
            }
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(trustedPem)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trusted = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trusted.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trusted.getTrustManagers(), null);
        return context;
    }
}
