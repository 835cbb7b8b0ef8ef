package io.understudy.schemas.serde;

import io.understudy.http.BasicCredentials;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry's credentials as Confluent's serdes take them from configuration. */
class RegistryUrlTest {

    @Test
    void userInfoInTheUrlIsTakenOutOfIt() {
        var url = RegistryUrl.from(Map.of(AvroSerializer.REGISTRY_URL, "http://registry-writer:s3cr%40t@127.0.0.1:8081, http://other:8081"));

        assertThat(url.base()).isEqualTo(URI.create("http://127.0.0.1:8081"));
        assertThat(url.credentials()).contains(new BasicCredentials("registry-writer", "s3cr@t"));
    }

    @Test
    void userInfoSourceTakesBasicAuthUserInfoInstead() {
        var url = RegistryUrl.from(Map.of(AvroSerializer.REGISTRY_URL, "http://ignored:x@127.0.0.1:8081",
                AvroSerializer.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                AvroSerializer.BASIC_AUTH_USER_INFO, "registry-reader:pa:ss"));

        assertThat(url.base()).isEqualTo(URI.create("http://127.0.0.1:8081"));
        assertThat(url.credentials()).contains(new BasicCredentials("registry-reader", "pa:ss"));
    }

    @Test
    void withoutCredentialsNoneAreSentAndUserInfoAloneIsIgnoredAsConfluentDoes() {
        assertThat(RegistryUrl.from(Map.of(AvroSerializer.REGISTRY_URL, "http://127.0.0.1:8081")).credentials()).isEmpty();
        // Confluent's default source is URL: basic.auth.user.info counts only with USER_INFO
        assertThat(RegistryUrl.from(Map.of(AvroSerializer.REGISTRY_URL, "http://127.0.0.1:8081",
                AvroSerializer.BASIC_AUTH_USER_INFO, "u:p")).credentials()).isEmpty();
    }

    @Test
    void mistakesAreNamedWithoutThePassword() {
        assertThatThrownBy(() -> RegistryUrl.from(Map.of(AvroSerializer.REGISTRY_URL, "http://127.0.0.1:8081",
                AvroSerializer.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("basic.auth.user.info is not set");
        assertThatThrownBy(() -> RegistryUrl.from(Map.of(AvroSerializer.REGISTRY_URL, "http://127.0.0.1:8081",
                AvroSerializer.BASIC_AUTH_CREDENTIALS_SOURCE, "SASL_INHERIT")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("URL or USER_INFO");
        assertThatThrownBy(() -> RegistryUrl.from(Map.of(AvroSerializer.REGISTRY_URL, "http://registry-writer:hunter2@bad host:8081")))
                .isInstanceOf(ConfigException.class).hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> RegistryUrl.from(Map.of())).isInstanceOf(ConfigException.class);
    }
}
