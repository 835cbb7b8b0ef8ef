package io.understudy.proxy.opinion;

import java.time.Duration;

/**
 * One attempt at the instance's health endpoint: the HTTP status it answered with, or why there was no answer.
 *
 * @param status  the HTTP status; 0 when nothing answered
 * @param failure why nothing answered (connection refused, no answer within the timeout); empty when something did
 * @param took    from the request to its answer or failure
 */
public record Probe(int status, String failure, Duration took) {

    public static Probe answered(int status, Duration took) {
        return new Probe(status, "", took);
    }

    public static Probe unanswered(String failure, Duration took) {
        return new Probe(0, failure, took);
    }

    /** Healthy as the health monitor means it: any 2xx. */
    public boolean healthy() {
        return status >= 200 && status < 300;
    }

    /** "answered 200 after 3 ms", "connection refused after 1 ms". */
    public String describe() {
        return (status == 0 ? failure : "answered " + status) + " after " + took.toMillis() + " ms";
    }
}
