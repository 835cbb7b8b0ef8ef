package io.understudy.takeover.saga;

/** An action sent to an executing service; {@code meta.eventId()} is the deterministic command id. */
public record Command(Meta meta, Action action) {

    public String id() {
        return meta.eventId();
    }
}
