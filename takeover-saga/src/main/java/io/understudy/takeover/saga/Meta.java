package io.understudy.takeover.saga;

import java.time.Instant;

/** What every command and event carries so that a takeover can be rebuilt from the log alone. */
public record Meta(String eventId, String environmentId, String takeoverId, String causationId, Instant occurredAt) {
}
