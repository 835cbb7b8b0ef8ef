package io.understudy.proxy.haproxy;

import io.understudy.haproxy.ClientPemFiles;
import io.understudy.testing.RuntimeApiCertificates;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuntimeApiTlsSettingsTest {
    private final ClientPemFiles files = RuntimeApiCertificates.get().proxyConfiguratorFiles();

    @Test
    void theFilesMakeAMutualTlsClient() {
        RuntimeApiTlsSettings settings = new RuntimeApiTlsSettings(true, files.authority().toString(), files.certificate().toString(),
                files.key().toString());

        assertThat(settings.access().plaintextOnly()).isFalse();
        assertThat(settings.access().describe()).contains("CN=proxy-configurator");
    }

    @Test
    void missingFilesNameTheSettingsAndTheOptOut() {
        assertThatThrownBy(() -> new RuntimeApiTlsSettings(true, files.authority().toString(), "", " ").access())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("understudy.proxy.tls.certificate")
                .hasMessageContaining("UNDERSTUDY_PROXY_TLS_KEY")
                .hasMessageContaining("certificate=(empty), key=(empty)")
                .hasMessageContaining("understudy.proxy.tls.enabled=false");
    }

    @Test
    void aFileThatIsNoCertificateIsNamed() {
        assertThatThrownBy(() -> new RuntimeApiTlsSettings(true, files.key().toString(), files.certificate().toString(),
                files.key().toString()).access())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("understudy.proxy.tls (UNDERSTUDY_PROXY_TLS_CA, _CERTIFICATE, _KEY): " + files.key() + " holds no PEM certificate");
    }

    @Test
    void turnedOffItIsPlaintextWhateverTheFiles() {
        assertThat(new RuntimeApiTlsSettings(false, "", "", "").access().plaintextOnly()).isTrue();
    }
}
