package io.understudy.execution;

import io.understudy.contract.CommandOutcome;
import io.understudy.contract.CommandResult;
import io.understudy.contract.EventMetadata;
import io.understudy.schemas.outcome.Outputs;
import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;

/** The answer to a command, traceable to it: the result's id derives from the command id, which is its cause. */
public final class CommandResults {
    private CommandResults() {
    }

    public static String resultId(String commandId) {
        return "result:" + commandId;
    }

    public static EventMetadata metaOf(SpecificRecord command) {
        Object meta = command.get(command.getSchema().getField("meta").pos());
        if (!(meta instanceof EventMetadata metadata)) {
            throw new IllegalArgumentException(command.getSchema().getName() + " carries no EventMetadata");
        }
        return metadata;
    }

    public static CommandResult of(SpecificRecord command, Outcome outcome, String service, Instant now) {
        EventMetadata commandMeta = metaOf(command);
        String commandId = commandMeta.getEventId();
        return CommandResult.newBuilder()
                .setMeta(EventMetadata.newBuilder()
                        .setEventId(resultId(commandId))
                        .setEnvironmentId(commandMeta.getEnvironmentId())
                        .setTakeoverId(commandMeta.getTakeoverId())
                        .setCausationId(commandId)
                        .setOccurredAt(now)
                        .setProducer(service)
                        .build())
                .setCommandId(commandId)
                .setCommand(command.getSchema().getName())
                .setOutcome(outcome.succeeded() ? CommandOutcome.SUCCEEDED : CommandOutcome.FAILED)
                .setRetriable(!outcome.succeeded() && outcome.retriable())
                .setError(outcome.error())
                .setOutputs(outcome.outputs())
                .setOutput(Outputs.wrap(outcome.output()))
                .build();
    }
}
