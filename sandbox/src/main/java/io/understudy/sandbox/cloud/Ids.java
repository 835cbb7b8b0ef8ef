package io.understudy.sandbox.cloud;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** EC2-shaped resource ids: a prefix and 17 hex digits. */
final class Ids {
    private Ids() {
    }

    static String next(String prefix) {
        byte[] bytes = new byte[9];
        ThreadLocalRandom.current().nextBytes(bytes);
        return prefix + "-" + HexFormat.of().formatHex(bytes).substring(0, 17);
    }
}
