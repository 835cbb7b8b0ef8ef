package io.understudy.haproxy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The runtime API as {@link RuntimeApiConfig} sets it up, against real HAProxy 2.6 processes: only a client
 * certificate of the authority gets a command through; our client trusts only a server certificate of the authority
 * for the address it connects to, and says why it refuses one.
 */
class MutualTlsIT {
    private static TestCertificates certificates;
    private static LocalHaproxy haproxy;
    private final List<LocalHaproxy> others = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        certificates = TestCertificates.create("mutual-tls-test-ca");
        haproxy = LocalHaproxy.start("mutual-tls", certificates);
    }

    @AfterAll
    static void stop() {
        if (haproxy != null) {
            haproxy.close();
        }
    }

    @AfterEach
    void stopOthers() {
        others.forEach(LocalHaproxy::close);
    }

    @Test
    void withTheClientCertificateCommandsGoThrough() {
        HaproxyRuntime runtime = haproxy.runtime();

        assertThat(runtime.send("add server app/with-certificate 127.0.0.1:" + haproxy.appPort)).contains("New server registered.");

        assertThat(haproxy.serverNames()).contains("with-certificate");
        assertThat(runtime.send("show info")).contains("Pid:");
    }

    @Test
    void aClientWithoutACertificateIsRefusedAndChangesNothing() throws Exception {
        String answer = rawTls(null, "add server app/no-certificate 127.0.0.1:" + haproxy.appPort);

        // HAProxy's alert (certificate_required), or a broken pipe when it closed while the client still wrote
        assertThat(answer).startsWith("refused");
        assertThat(haproxy.serverNames()).doesNotContain("no-certificate");
    }

    @Test
    void aClientCertificateOfAnotherAuthorityIsRefusedAndChangesNothing() {
        ClientPemFiles stranger = TestCertificates.create("stranger-ca").client();
        HaproxyRuntime runtime = haproxy.runtime(RuntimeApiAccess.mutualTls(certificates.trustingThis(stranger)));

        assertThatThrownBy(() -> runtime.send("add server app/stranger 127.0.0.1:" + haproxy.appPort))
                .isInstanceOf(HaproxyTlsException.class)
                .hasMessageContaining("HAProxy at 127.0.0.1:" + haproxy.adminPort + " accepts only client certificates issued by [CN=mutual-tls-test-ca]")
                .hasMessageContaining("ours (CN=proxy-configurator issued by CN=stranger-ca")
                .hasMessageContaining("refused");
        assertThat(haproxy.serverNames()).doesNotContain("stranger");
    }

    @Test
    void aClientCertificateOfAnImpostorAuthorityOfTheSameNameIsRefused() {
        ClientPemFiles impostor = TestCertificates.create("mutual-tls-test-ca", "same-name-impostor-ca").client();
        HaproxyRuntime runtime = haproxy.runtime(RuntimeApiAccess.mutualTls(certificates.trustingThis(impostor)));

        assertThatThrownBy(() -> runtime.send("add server app/impostor 127.0.0.1:" + haproxy.appPort))
                .isInstanceOf(HaproxyTlsException.class)
                .hasMessageContaining("HAProxy at 127.0.0.1:" + haproxy.adminPort + " refused our client certificate (CN=proxy-configurator issued by CN=mutual-tls-test-ca");
        assertThat(haproxy.serverNames()).doesNotContain("impostor");
    }

    @Test
    void aServerCertificateOfTheAuthorityIsNoClientCertificate() throws Exception {
        // what an instance holds: a compromised instance cannot drive another one's runtime API with it
        ClientPemFiles instance = certificates.issueServerAsClient("instance", "127.0.0.9");

        String answer = rawTls(instance, "add server app/instance 127.0.0.1:" + haproxy.appPort);

        assertThat(answer).startsWith("refused");
        assertThat(haproxy.serverNames()).doesNotContain("instance");
        assertThatThrownBy(() -> RuntimeApiAccess.mutualTls(instance))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not for TLS clients");
    }

    @Test
    void aPlaintextClientGetsNoAnswerAndChangesNothing() {
        HaproxyRuntime plaintext = haproxy.runtime(RuntimeApiAccess.plaintext());

        // HAProxy closes (or resets) the connection without a word: the line is no TLS record
        assertThat(attempt(plaintext, "add server app/plaintext 127.0.0.1:" + haproxy.appPort)).doesNotContain("New server");
        assertThat(attempt(plaintext, "show info")).doesNotContain("Pid:");
        assertThat(haproxy.serverNames()).doesNotContain("plaintext");
    }

    @Test
    void aServerOfAnotherAuthorityIsNotTrusted() throws IOException {
        TestCertificates theirs = TestCertificates.create("impostor-ca");
        LocalHaproxy impostor = started(LocalHaproxy.start("impostor", theirs, certificates.client()));

        assertThatThrownBy(() -> impostor.runtime().send("show info"))
                .isInstanceOf(HaproxyTlsException.class)
                .hasMessageContaining("HAProxy at 127.0.0.1:" + impostor.adminPort + " is not trusted")
                .hasMessageContaining("issued by CN=impostor-ca")
                .hasMessageContaining("is not signed by the trusted authority CN=mutual-tls-test-ca");
    }

    @Test
    void aServerCertificateForAnotherAddressIsNotTrusted() throws IOException {
        Path bundle = certificates.serverBundle(certificates.dir().resolve("elsewhere"), "127.0.0.2");
        LocalHaproxy elsewhere = started(LocalHaproxy.startWithBundle("elsewhere", certificates, bundle, certificates.client()));

        assertThatThrownBy(() -> elsewhere.runtime().send("show info"))
                .isInstanceOf(HaproxyTlsException.class)
                .hasMessageContaining("is not trusted: its certificate CN=haproxy is not for 127.0.0.1 (it names 127.0.0.2)");
    }

    @Test
    void anExpiredServerCertificateIsNotTrusted() throws Exception {
        ExpiredCertificates expired = new ExpiredCertificates();
        Path dir = certificates.dir().resolve("expired-server");
        expired.writeAuthority(dir.resolve("ca.pem"));
        expired.writeServerBundle(dir.resolve("server.pem"), "127.0.0.1");
        LocalHaproxy old = started(LocalHaproxy.startWithBundle("expired-server", certificates, dir.resolve("server.pem"),
                new ClientPemFiles(dir.resolve("ca.pem"), certificates.client().certificate(), certificates.client().key())));

        assertThatThrownBy(() -> old.runtime().send("show info"))
                .isInstanceOf(HaproxyTlsException.class)
                .hasMessageContaining("is not trusted: its certificate CN=expired-server expired at");
    }

    @Test
    void anExpiredClientCertificateIsRefusedBeforeConnecting() throws Exception {
        ExpiredCertificates expired = new ExpiredCertificates();
        Path dir = certificates.dir().resolve("expired-client");
        expired.writeClient(dir.resolve("client.pem"), dir.resolve("client.key"));

        assertThatThrownBy(() -> RuntimeApiAccess.mutualTls(new ClientPemFiles(certificates.authorityPem(), dir.resolve("client.pem"),
                dir.resolve("client.key"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the client certificate in " + dir.resolve("client.pem") + " (CN=expired-client) expired at");
    }

    @Test
    void aClientCertificateThatExpiresWhileInUseIsRefusedWithItsName() {
        SettableClock clock = new SettableClock(Instant.now());
        HaproxyRuntime runtime = haproxy.runtime(RuntimeApiAccess.mutualTls(certificates.client(), clock));
        assertThat(runtime.send("show info")).contains("Pid:");

        clock.set(Instant.now().plus(Duration.ofDays(400)));

        assertThatThrownBy(() -> runtime.send("add server app/expired 127.0.0.1:" + haproxy.appPort))
                .isInstanceOf(HaproxyTlsException.class)
                .hasMessageContaining("our runtime API client certificate " + certificates.client().certificate())
                .hasMessageContaining("has expired");
        assertThat(haproxy.serverNames()).doesNotContain("expired");
    }

    @Test
    void rotatedFilesAreUsedByTheNextExchangeAndBrokenOnesLeaveThePreviousInUse() throws IOException {
        Path dir = certificates.dir().resolve("rotation");
        Files.createDirectories(dir);
        ClientPemFiles rotating = new ClientPemFiles(certificates.authorityPem(), dir.resolve("client.pem"), dir.resolve("client.key"));
        ClientPemFiles stranger = TestCertificates.create("rotation-stranger-ca").client();
        copy(stranger, rotating);
        HaproxyRuntime runtime = haproxy.runtime(RuntimeApiAccess.mutualTls(rotating));
        assertThatThrownBy(() -> runtime.send("show info")).isInstanceOf(HaproxyTlsException.class);

        copy(certificates.issueClient("rotated"), rotating);
        assertThat(runtime.send("show info")).as("the rotated certificate").contains("Pid:");

        Files.writeString(rotating.key(), "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        assertThat(runtime.send("show info")).as("a broken key leaves the rotated certificate in use").contains("Pid:");
    }

    /**
     * Why {@link RuntimeApiConfig} relays through a frontend: HAProxy 2.6 takes {@code ssl crt ... verify required} on a
     * {@code stats socket} line and answers in plaintext regardless. The day this fails, the socket's own TLS works.
     */
    @Test
    void aStatsSocketWithTlsOptionsStillAnswersInPlaintext() throws IOException {
        int port = LocalHaproxy.freePort();
        Path bundle = certificates.serverBundle(certificates.dir().resolve("stats-socket"), "127.0.0.1");
        LocalHaproxy naive = started(LocalHaproxy.startWith("stats-socket-tls", port, "    stats socket ipv4@127.0.0.1:" + port
                + " level admin ssl crt " + bundle + " ca-file " + certificates.authorityPem() + " verify required\n", "",
                RuntimeApiAccess.plaintext()));

        assertThat(naive.runtime().send("show info")).contains("Pid:");
    }

    private static String attempt(HaproxyRuntime runtime, String command) {
        try {
            return runtime.send(command);
        } catch (HaproxyUnavailableException e) {
            return "unavailable: " + e.getMessage();
        }
    }

    private LocalHaproxy started(LocalHaproxy haproxy) {
        others.add(haproxy);
        return haproxy;
    }

    private static void copy(ClientPemFiles from, ClientPemFiles to) throws IOException {
        Files.copy(from.certificate(), to.certificate(), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(from.key(), to.key(), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * One command over the JDK's TLS alone, not our client: a client that presents {@code certificate} (none when
     * null), trusting the authority. Returns HAProxy's answer, or {@code refused: <why>}.
     */
    private static String rawTls(ClientPemFiles certificate, String command) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(certificate == null ? null : keyManagers(certificate), trustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(LocalHaproxy.ADDRESS, haproxy.adminPort)) {
            socket.setSoTimeout(3_000);
            // TLS 1.2: the server's verdict on the certificate comes within the handshake, before anything is sent
            socket.setEnabledProtocols(new String[]{TlsExchange.PROTOCOL});
            socket.startHandshake();
            socket.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "refused: " + e.getMessage();
        }
    }

    private static javax.net.ssl.KeyManager[] keyManagers(ClientPemFiles files) throws Exception {
        Certificate certificate;
        try (InputStream in = Files.newInputStream(files.certificate())) {
            certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        String pem = Files.readString(files.key()).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem))),
                "x".toCharArray(), new Certificate[]{certificate});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, "x".toCharArray());
        return factory.getKeyManagers();
    }

    private static javax.net.ssl.TrustManager[] trustManagers() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certificates.authorityPem()))));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    /** Time as an input: the moment a certificate is checked against. */
    private static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant later) {
            now = later;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
