package io.understudy.takeover.saga;

import java.time.Instant;
import java.util.Objects;

/**
 * A registration waiting for its check against the cloud: the registration's own event id, the topology it declares,
 * who declared it and when, and
 * the check command under way ({@code commandId}, sent at {@code sentAt}; {@code retryAt} set while a check that
 * could not be made waits to be sent again).
 */
public record Registration(String eventId, Environment topology, String by, Instant requestedAt, String commandId,
                           Instant sentAt, Instant retryAt) {

    public Registration {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(commandId, "commandId");
    }

    Registration sent(String newCommandId, Instant at) {
        return new Registration(eventId, topology, by, requestedAt, newCommandId, at, null);
    }

    Registration waitingUntil(Instant at) {
        return new Registration(eventId, topology, by, requestedAt, commandId, sentAt, at);
    }
}
