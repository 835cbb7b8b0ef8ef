package io.understudy.schemas.serde;

import io.understudy.http.BasicCredentials;
import io.understudy.http.CredentialedUrl;
import org.apache.kafka.common.config.ConfigException;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The registry and its credentials from a serde's configuration, read as Confluent's serdes read it:
 * {@code schema.registry.url} (the first of a comma-separated list), and {@code basic.auth.credentials.source}:
 * {@code URL} (the default) takes the URL's user info, {@code USER_INFO} takes {@code basic.auth.user.info}
 * ({@code user:password}) instead. No message here repeats a password.
 */
final class RegistryUrl {
    static final String CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    static final String USER_INFO = "basic.auth.user.info";

    private RegistryUrl() {
    }

    static CredentialedUrl from(Map<String, ?> configs) {
        Object url = configs.get(AvroSerializer.REGISTRY_URL);
        if (url == null || url.toString().isBlank()) {
            throw new ConfigException(AvroSerializer.REGISTRY_URL + " is not set: the Avro serde needs a schema registry");
        }
        String first = url.toString().split(",")[0].trim();
        CredentialedUrl parsed;
        try {
            parsed = CredentialedUrl.parse(first);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(AvroSerializer.REGISTRY_URL + " is not a URL: " + CredentialedUrl.redact(first)
                    + " (" + e.getMessage() + ")");
        }
        String source = Optional.ofNullable(configs.get(CREDENTIALS_SOURCE)).map(Object::toString).map(String::trim)
                .filter(s -> !s.isEmpty()).orElse("URL").toUpperCase(Locale.ROOT);
        return switch (source) {
            case "URL" -> parsed;
            case "USER_INFO" -> new CredentialedUrl(parsed.base(), Optional.of(userInfo(configs)));
            default -> throw new ConfigException(CREDENTIALS_SOURCE + " is " + source + ": this serde takes URL or USER_INFO");
        };
    }

    private static BasicCredentials userInfo(Map<String, ?> configs) {
        Object value = configs.get(USER_INFO);
        try {
            return BasicCredentials.fromUserInfo(value == null ? null : value.toString()).orElseThrow(() -> new ConfigException(
                    CREDENTIALS_SOURCE + " is USER_INFO but " + USER_INFO + " is not set: give it as user:password"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(USER_INFO + " must read user:password: " + e.getMessage());
        }
    }
}
