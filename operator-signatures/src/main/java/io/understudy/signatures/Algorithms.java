package io.understudy.signatures;

import java.security.Key;

/** The signature algorithm follows the key: a verifier never takes it from the record (no algorithm confusion). */
final class Algorithms {
    private Algorithms() {
    }

    static String forKey(Key key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> throw new IllegalArgumentException("operator keys are RSA or EC, not " + key.getAlgorithm());
        };
    }
}
