package io.understudy.health.impending;

import java.time.Instant;
import java.util.Optional;

/**
 * An instance EC2 says will fail or be taken away. {@code key} names the cause (the instance and the event, or the
 * instance and the check), so that the cause is announced once and announced again only if it comes back.
 */
public record Impending(String environmentId, String instanceId, String key, String reason, Optional<Instant> notBefore) {
}
