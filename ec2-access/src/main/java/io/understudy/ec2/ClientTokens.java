package io.understudy.ec2;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * EC2 idempotency tokens from command ids, so a command delivered twice creates one resource. EC2 accepts at
 * most 64 ASCII characters; longer or non-ASCII ids are replaced by their SHA-256, still deterministic.
 */
public final class ClientTokens {
    static final int MAX_LENGTH = 64;

    private ClientTokens() {
    }

    public static String of(String commandId) {
        boolean usable = commandId.length() <= MAX_LENGTH
                && commandId.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
        return usable ? commandId : sha256(commandId);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
