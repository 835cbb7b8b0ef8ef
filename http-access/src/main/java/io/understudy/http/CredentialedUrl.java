package io.understudy.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A base URL that may carry basic credentials as user info ({@code http://user:password@host:port}), the form
 * Confluent's clients accept for the schema registry ({@code basic.auth.credentials.source=URL}). Java's HTTP client
 * ignores user info, so a client takes the credentials out and sends them as a header; logs get {@link #redacted()}.
 */
public record CredentialedUrl(URI base, Optional<BasicCredentials> credentials) {

    /**
     * Splits {@code url} into its base and its credentials. A URL that cannot be read is refused with a message that
     * does not repeat it (it may hold a password), only why and where.
     */
    public static CredentialedUrl parse(String url) {
        URI uri = uri(url);
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null) {
            return new CredentialedUrl(uri, Optional.empty());
        }
        URI base = URI.create(uri.getScheme() + "://" + uri.getRawAuthority().substring(userInfo.length() + 1)
                + (uri.getRawPath() == null ? "" : uri.getRawPath()));
        int colon = userInfo.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("a URL's user info must read user:password, found a user alone");
        }
        BasicCredentials credentials = new BasicCredentials(decode(userInfo.substring(0, colon)), decode(userInfo.substring(colon + 1)));
        return new CredentialedUrl(base, Optional.of(credentials));
    }

    /** The URL with {@code credentials} as its user info, percent-encoded. */
    public static String with(String url, BasicCredentials credentials) {
        URI uri = parse(url).base();
        return uri.getScheme() + "://" + encode(credentials.user()) + ":" + encode(credentials.password()) + "@"
                + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /** The URL as it may be logged or shown: the password replaced by {@code ***}. */
    public String redacted() {
        return credentials.map(c -> base.getScheme() + "://" + encode(c.user()) + ":***@" + base.getRawAuthority()
                + (base.getRawPath() == null ? "" : base.getRawPath())).orElse(base.toString());
    }

    /** {@link #redacted()} of any URL string, for messages that name one. */
    public static String redact(String url) {
        try {
            return parse(url).redacted();
        } catch (IllegalArgumentException notAUrl) {
            return "<an unreadable URL>";
        }
    }

    private static URI uri(String url) {
        if (url == null) {
            throw new IllegalArgumentException("no URL");
        }
        try {
            return new URI(url.trim());
        } catch (URISyntaxException e) {
            // URISyntaxException's own message quotes the whole input, password and all
            throw new IllegalArgumentException("not a URL: " + e.getReason() + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
        }
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
