package io.understudy.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * A user and password for HTTP basic authentication (RFC 7617): what a client sends in {@code Authorization}, and
 * what a server compares it with. The comparison takes the same time whatever the header holds, so a caller cannot
 * learn the password a byte at a time; {@link #toString()} never shows the password, so credentials can be logged.
 */
public record BasicCredentials(String user, String password) {
    private static final String SCHEME = "Basic ";
    private static final SecureRandom RANDOM = new SecureRandom();

    public BasicCredentials {
        if (user == null || user.isEmpty() || user.contains(":")) {
            throw new IllegalArgumentException("a basic-auth user must be non-empty and without ':' (RFC 7617)");
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the basic-auth password of " + user + " is empty");
        }
    }

    /** A user with a new random password (24 bytes, URL-safe Base64): for a deployment that was given none. */
    public static BasicCredentials generate(String user) {
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        return new BasicCredentials(user, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** {@code user:password}, as Confluent's {@code basic.auth.user.info} writes it; empty for null or blank. */
    public static Optional<BasicCredentials> fromUserInfo(String userInfo) {
        if (userInfo == null || userInfo.isBlank()) {
            return Optional.empty();
        }
        int colon = userInfo.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("basic-auth user info must read user:password");
        }
        return Optional.of(new BasicCredentials(userInfo.substring(0, colon), userInfo.substring(colon + 1)));
    }

    /** The {@code Authorization} header's value. */
    public String header() {
        return SCHEME + Base64.getEncoder().encodeToString(userInfo().getBytes(StandardCharsets.UTF_8));
    }

    public String userInfo() {
        return user + ":" + password;
    }

    /** Whether an {@code Authorization} header (null when absent) carries exactly these credentials. */
    public boolean matches(String authorization) {
        byte[] expected = header().getBytes(StandardCharsets.UTF_8);
        byte[] given = authorization == null ? new byte[0] : authorization.trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }

    /** The {@code WWW-Authenticate} header a server answers 401 with. */
    public static String challenge(String realm) {
        return "Basic realm=\"" + realm + "\", charset=\"UTF-8\"";
    }

    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + ", password=***]";
    }
}
