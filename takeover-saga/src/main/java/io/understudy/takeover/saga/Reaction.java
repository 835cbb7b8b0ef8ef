package io.understudy.takeover.saga;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A decision being put together for one input, in the order things happen. Several takeovers of the environment
 * may be in flight: the reaction works on one at a time, the one in focus, whose id its records carry.
 */
final class Reaction {
    private final Input cause;
    private Environment environment;
    private String takeoverId;
    private final List<Command> commands = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();

    Reaction(Input cause, Environment environment) {
        this.cause = cause;
        this.environment = environment;
    }

    /** Works on this takeover from now on (it may not be in flight yet: it is being started). */
    Reaction focus(String id) {
        this.takeoverId = id;
        return this;
    }

    Environment environment() {
        return environment;
    }

    /** The takeover in focus; null once it has ended (or before it has begun). */
    Takeover takeover() {
        return takeoverId == null ? null : environment.takeover(takeoverId).orElse(null);
    }

    StepContext context() {
        return new StepContext(environment, takeoverId);
    }

    void update(Environment changed) {
        environment = changed;
    }

    void updateTakeover(Takeover changed) {
        environment = environment.withTakeover(changed);
    }

    /** The takeover in focus is over: the environment is free of it. */
    void closeTakeover() {
        environment = environment.withoutTakeover(takeoverId);
    }

    void send(Command command) {
        commands.add(command);
    }

    void tell(Event event) {
        events.add(event);
    }

    Input cause() {
        return cause;
    }

    Instant now() {
        return cause.at();
    }

    /** Everything the saga writes in reaction to an input names that input as its cause and happens at its time. */
    Meta meta(String eventId) {
        return new Meta(eventId, environment.id(), takeoverId, cause.eventId(), cause.at());
    }

    String takeoverId() {
        return takeoverId;
    }

    Decision decision() {
        return new Decision(environment, commands, events);
    }
}
