package io.understudy.testing.faults;

/**
 * One request the proxy saw: when (nanoseconds since the proxy started), which EC2 action, its form parameters
 * as sent (e.g. {@code Force=true}, which moto ignores), and how it was answered.
 */
public record Exchange(long atNanos, String action, String form, Answer answer) {

    public enum Answer { FORWARDED, SLOW, THROTTLED, UNAVAILABLE, FAILED_AS_TOLD }

    /** Whether the request reached the EC2 endpoint behind the proxy, and so could have changed something. */
    public boolean reachedEc2() {
        return answer == Answer.FORWARDED || answer == Answer.SLOW;
    }
}
