package io.understudy.demo.traffic;

/**
 * One HTTP request of the traffic, through the Elastic IP: what it was, when it was sent and answered (epoch
 * milliseconds), the status (0 when no answer came) and whether it counts as good.
 */
public record Request(Kind kind, String key, long sentAt, long answeredAt, int status, boolean ok) {
    public enum Kind { READ, WRITE }
}
