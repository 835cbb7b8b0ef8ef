package io.understudy.health.detection;

import java.time.Instant;
import java.util.Objects;

/**
 * What one probe found out.
 *
 * @param detail why the probe failed ("connection refused", "HTTP 503"), or what it saw when healthy
 * @param at     when the answer (or the lack of one) was known
 */
public record ProbeResult(boolean healthy, String detail, Instant at) {
    public ProbeResult {
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(at, "at");
    }

    public static ProbeResult healthy(Instant at) {
        return new ProbeResult(true, "healthy", at);
    }

    public static ProbeResult failed(String detail, Instant at) {
        return new ProbeResult(false, detail, at);
    }
}
