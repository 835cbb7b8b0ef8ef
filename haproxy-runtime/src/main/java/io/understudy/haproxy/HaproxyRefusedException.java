package io.understudy.haproxy;

/** HAProxy answered, but not with what the command should produce (unknown backend, malformed command, ...). */
public class HaproxyRefusedException extends RuntimeException {
    private final String answer;

    public HaproxyRefusedException(String command, String answer) {
        super("HAProxy refused '" + command + "': " + answer.strip());
        this.answer = answer;
    }

    /** HAProxy's own words, as it answered. */
    public String answer() {
        return answer;
    }
}
