package io.understudy.takeover.saga;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A decision being put together for one takeover, in the order things happen. */
final class Reaction {
    private final String takeoverId;
    private final Input cause;
    private Environment environment;
    private final List<Command> commands = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();

    Reaction(String takeoverId, Input cause, Environment environment) {
        this.takeoverId = takeoverId;
        this.cause = cause;
        this.environment = environment;
    }

    Environment environment() {
        return environment;
    }

    Takeover takeover() {
        return environment.takeover();
    }

    void update(Environment changed) {
        environment = changed;
    }

    void updateTakeover(Takeover changed) {
        environment = environment.withTakeover(changed);
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
