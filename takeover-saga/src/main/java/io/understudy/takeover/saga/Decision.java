package io.understudy.takeover.saga;

import java.util.List;

/** The saga's answer to one input: the new state (null while the environment is unknown), what to send and tell. */
public record Decision(Environment state, List<Command> commands, List<Event> events) {

    public Decision {
        commands = List.copyOf(commands);
        events = List.copyOf(events);
    }

    static Decision nothing(Environment state) {
        return new Decision(state, List.of(), List.of());
    }
}
