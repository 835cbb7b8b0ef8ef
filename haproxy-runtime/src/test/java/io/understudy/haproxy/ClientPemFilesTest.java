package io.understudy.haproxy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Files that cannot make a TLS client are refused at once, naming the file and what to do about it. */
class ClientPemFilesTest {
    private static final TestCertificates CERTIFICATES = TestCertificates.create("pem-files-test-ca");

    @Test
    void filesOfTheAuthorityMakeAClient() {
        RuntimeApiAccess access = RuntimeApiAccess.mutualTls(CERTIFICATES.client());

        assertThat(access.plaintextOnly()).isFalse();
        assertThat(access.describe()).contains("mutual TLS as CN=proxy-configurator issued by CN=pem-files-test-ca")
                .contains("trusting [CN=pem-files-test-ca]");
    }

    @Test
    void theLayoutIsCaPemAndTheClientsPemAndKey() {
        assertThat(ClientPemFiles.in(Path.of("tls"), ClientPemFiles.PROXY_CONFIGURATOR)).isEqualTo(new ClientPemFiles(
                Path.of("tls/ca.pem"), Path.of("tls/proxy-configurator.pem"), Path.of("tls/proxy-configurator.key")));
    }

    @Test
    void aMissingFileIsNamed() {
        ClientPemFiles files = new ClientPemFiles(CERTIFICATES.dir().resolve("nowhere.pem"), CERTIFICATES.client().certificate(),
                CERTIFICATES.client().key());

        assertThatThrownBy(() -> RuntimeApiAccess.mutualTls(files))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read " + files.authority());
    }

    @Test
    void aFileWithoutACertificateIsNamed() throws Exception {
        Path empty = Files.writeString(CERTIFICATES.dir().resolve("empty.pem"), "nothing here\n");

        assertThatThrownBy(() -> RuntimeApiAccess.mutualTls(new ClientPemFiles(empty, CERTIFICATES.client().certificate(),
                CERTIFICATES.client().key())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(empty + " holds no PEM certificate");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        ClientPemFiles other = CERTIFICATES.issueClient("other-client");

        assertThatThrownBy(() -> RuntimeApiAccess.mutualTls(new ClientPemFiles(CERTIFICATES.authorityPem(),
                CERTIFICATES.client().certificate(), other.key())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the key in " + other.key() + " does not belong to the certificate in " + CERTIFICATES.client().certificate());
    }

    @Test
    void pkcs1AndEncryptedKeysAreRefusedWithTheConversion() throws Exception {
        String body = Files.readString(CERTIFICATES.client().key()).replaceAll("-----[A-Z ]+-----", "");
        Path pkcs1 = Files.writeString(CERTIFICATES.dir().resolve("pkcs1.key"),
                "-----BEGIN RSA PRIVATE KEY-----" + body + "-----END RSA PRIVATE KEY-----\n");
        Path encrypted = Files.writeString(CERTIFICATES.dir().resolve("encrypted.key"),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----" + body + "-----END ENCRYPTED PRIVATE KEY-----\n");

        assertThatThrownBy(() -> RuntimeApiAccess.mutualTls(new ClientPemFiles(CERTIFICATES.authorityPem(), CERTIFICATES.client().certificate(), pkcs1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RSA PRIVATE KEY").hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        assertThatThrownBy(() -> RuntimeApiAccess.mutualTls(new ClientPemFiles(CERTIFICATES.authorityPem(), CERTIFICATES.client().certificate(), encrypted)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is encrypted");
    }

    @Test
    void plaintextIsSaidSo() {
        assertThat(RuntimeApiAccess.plaintext().plaintextOnly()).isTrue();
        assertThat(RuntimeApiAccess.plaintext().describe()).startsWith("plaintext");
    }
}
