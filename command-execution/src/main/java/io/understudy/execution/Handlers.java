package io.understudy.execution;

import io.understudy.schemas.topic.Topic;
import org.apache.avro.specific.SpecificRecord;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The handlers of one command topic, by command type. Built once at start-up and checked against the topic,
 * so that a service missing a handler (or carrying one for another topic) refuses to start instead of
 * dead-lettering valid commands at run time.
 */
public final class Handlers {
    private final Topic topic;
    private final Map<Class<?>, CommandHandler<?>> byType;

    private Handlers(Topic topic, Map<Class<?>, CommandHandler<?>> byType) {
        this.topic = topic;
        this.byType = Map.copyOf(byType);
    }

    public static Handlers forTopic(Topic topic, Collection<? extends CommandHandler<?>> handlers) {
        Map<Class<?>, CommandHandler<?>> byType = new HashMap<>();
        for (CommandHandler<?> handler : handlers) {
            Class<? extends SpecificRecord> type = handler.commandType();
            if (!topic.carries(type)) {
                throw new IllegalStateException(type.getSimpleName() + " handled by " + handler.getClass().getName()
                        + " is not a command of " + topic + " (" + topic.topicName + ")");
            }
            CommandHandler<?> previous = byType.putIfAbsent(type, handler);
            if (previous != null) {
                throw new IllegalStateException("two handlers for " + type.getSimpleName() + ": "
                        + previous.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
        List<String> missing = topic.valueTypes.stream().filter(t -> !byType.containsKey(t))
                .map(Class::getSimpleName).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no handler for " + String.join(", ", missing) + " of " + topic);
        }
        return new Handlers(topic, byType);
    }

    public Topic topic() {
        return topic;
    }

    @SuppressWarnings("unchecked")
    Optional<CommandHandler<SpecificRecord>> forCommand(SpecificRecord command) {
        return Optional.ofNullable((CommandHandler<SpecificRecord>) byType.get(command.getClass()));
    }
}
