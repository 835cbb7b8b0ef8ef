package io.understudy.health.quorum;

import java.time.Instant;
import java.util.Locale;

/**
 * What the health topic has said about an instance so far, so that each event is said once per episode (and a
 * failure again every re-announcement interval while it holds), and since when the quorum has heard of the instance
 * at all. Kept in a state store as text, {@code <level>[,flapping][,said=<epoch millis>]@<epoch millis>}: the
 * {@code said} part sits among the comma-separated flags, which versions before it ignore, so a replica of either
 * version reads what the other wrote; parts this version does not know are ignored the same way.
 *
 * @param since the first report the quorum saw of the instance; null before any
 * @param said  when InstanceFailed was last said in this episode; null when it was not (or by a version that did not
 *              keep it)
 */
public record Announced(Level level, boolean flapping, Instant since, Instant said) {
    public static final Announced NOTHING = new Announced(Level.NONE, false, null, null);
    private static final String FLAPPING = "flapping";
    private static final String SAID = "said=";

    public enum Level { NONE, SUSPECTED, FAILED }

    public Announced(Level level, boolean flapping, Instant since) {
        this(level, flapping, since, null);
    }

    public String text() {
        return level.name().toLowerCase(Locale.ROOT) + (flapping ? "," + FLAPPING : "")
                + (said == null ? "" : "," + SAID + said.toEpochMilli())
                + (since == null ? "" : "@" + since.toEpochMilli());
    }

    public static Announced parse(String text) {
        if (text == null || text.isBlank()) {
            return NOTHING;
        }
        String[] whenAndWhat = text.split("@", 2);
        String[] parts = whenAndWhat[0].split(",");
        Instant since = whenAndWhat.length > 1 ? Instant.ofEpochMilli(Long.parseLong(whenAndWhat[1])) : null;
        boolean flapping = false;
        Instant said = null;
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].equals(FLAPPING)) {
                flapping = true;
            } else if (parts[i].startsWith(SAID)) {
                said = Instant.ofEpochMilli(Long.parseLong(parts[i].substring(SAID.length())));
            }
        }
        return new Announced(Level.valueOf(parts[0].toUpperCase(Locale.ROOT)), flapping, since, said);
    }
}
