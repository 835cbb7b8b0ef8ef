package io.understudy.health.quorum;

import java.time.Instant;
import java.util.Locale;

/**
 * What the health topic has said about an instance so far, so that each event is said once per episode, and since
 * when the quorum has heard of the instance at all. Kept in a state store as text,
 * {@code <level>[,flapping]@<epoch millis>}.
 *
 * @param since the first report the quorum saw of the instance; null before any
 */
public record Announced(Level level, boolean flapping, Instant since) {
    public static final Announced NOTHING = new Announced(Level.NONE, false, null);

    public enum Level { NONE, SUSPECTED, FAILED }

    public String text() {
        return level.name().toLowerCase(Locale.ROOT) + (flapping ? ",flapping" : "")
                + (since == null ? "" : "@" + since.toEpochMilli());
    }

    public static Announced parse(String text) {
        if (text == null || text.isBlank()) {
            return NOTHING;
        }
        String[] whenAndWhat = text.split("@", 2);
        String[] parts = whenAndWhat[0].split(",");
        Instant since = whenAndWhat.length > 1 ? Instant.ofEpochMilli(Long.parseLong(whenAndWhat[1])) : null;
        return new Announced(Level.valueOf(parts[0].toUpperCase(Locale.ROOT)),
                parts.length > 1 && parts[1].equals("flapping"), since);
    }
}
