package io.understudy.http;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BasicCredentialsTest {

    @Test
    void theHeaderIsRfc7617sAndMatchesOnlyItself() {
        BasicCredentials writer = new BasicCredentials("Aladdin", "open sesame");

        assertThat(writer.header()).isEqualTo("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assertThat(writer.matches("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")).isTrue();
        assertThat(writer.matches("Basic QWxhZGRpbjpvcGVuIHNlc2FtZR==")).isFalse();
        assertThat(writer.matches(new BasicCredentials("Aladdin", "open sesame!").header())).isFalse();
        assertThat(writer.matches(null)).isFalse();
        assertThat(writer.matches("")).isFalse();
    }

    @Test
    void userInfoSplitsAtTheFirstColonAndThePasswordIsNeverPrinted() {
        BasicCredentials parsed = BasicCredentials.fromUserInfo("registry-writer:pa:ss").orElseThrow();

        assertThat(parsed).isEqualTo(new BasicCredentials("registry-writer", "pa:ss"));
        assertThat(parsed.toString()).doesNotContain("pa:ss");
        assertThat(BasicCredentials.fromUserInfo(" ")).isEmpty();
        assertThatThrownBy(() -> BasicCredentials.fromUserInfo("no-password")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BasicCredentials("a:b", "c")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generatedPasswordsDiffer() {
        assertThat(BasicCredentials.generate("u").password()).isNotEqualTo(BasicCredentials.generate("u").password()).hasSize(32);
    }

    @Test
    void aUrlGivesUpItsUserInfoAndIsRedactedForLogs() {
        CredentialedUrl url = CredentialedUrl.parse("http://writer:p%40ss%3Aw@127.0.0.1:8081/base");

        assertThat(url.base()).isEqualTo(URI.create("http://127.0.0.1:8081/base"));
        assertThat(url.credentials()).contains(new BasicCredentials("writer", "p@ss:w"));
        assertThat(url.redacted()).isEqualTo("http://writer:***@127.0.0.1:8081/base");
        assertThat(CredentialedUrl.parse("http://127.0.0.1:8081").credentials()).isEmpty();
        assertThat(CredentialedUrl.redact("http://127.0.0.1:8081")).isEqualTo("http://127.0.0.1:8081");
    }

    @Test
    void credentialsPutIntoAUrlComeBackOutUnchanged() {
        BasicCredentials odd = new BasicCredentials("wri ter", "a/b?c#d@e:f%g+h");

        String url = CredentialedUrl.with("http://localhost:8081", odd);

        assertThat(CredentialedUrl.parse(url).credentials()).contains(odd);
        assertThat(CredentialedUrl.parse(url).base()).isEqualTo(URI.create("http://localhost:8081"));
    }

    @Test
    void aUrlThatCannotBeReadIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> CredentialedUrl.parse("http://writer:hunter2@bad host:8081"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a URL").hasMessageNotContaining("hunter2");
        assertThat(CredentialedUrl.redact("http://writer:hunter2@bad host:8081")).doesNotContain("hunter2");
        assertThatThrownBy(() -> CredentialedUrl.parse("http://writer@127.0.0.1:8081")).hasMessageContaining("user alone");
    }
}
