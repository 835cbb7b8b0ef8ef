package io.understudy.testing;

import io.understudy.contract.CommandResult;
import io.understudy.schemas.topic.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.avro.specific.SpecificRecord;

import java.time.Duration;
import java.util.List;

/** The results an executing service published on the command-results topic for one command id. */
public final class CommandAnswers {
    private CommandAnswers() {
    }

    /** Every answer to {@code commandId}, in the order published, once at least {@code count} have arrived. */
    public static List<CommandResult> await(String commandId, int count, Duration timeout) {
        return answersTo(commandId, TopicRecords.of(Topic.COMMAND_RESULTS)
                .await(seen -> answersTo(commandId, seen).size() >= count, timeout));
    }

    /** The first answer to {@code commandId}. */
    public static CommandResult awaitFirst(String commandId, Duration timeout) {
        return await(commandId, 1, timeout).get(0);
    }

    private static List<CommandResult> answersTo(String commandId, List<ConsumerRecord<String, SpecificRecord>> seen) {
        return seen.stream().map(ConsumerRecord::value)
                .filter(v -> v instanceof CommandResult result && result.getCommandId().equals(commandId))
                .map(CommandResult.class::cast).toList();
    }
}
