package io.understudy.execution;

import io.understudy.contract.CommandResult;
import io.understudy.schemas.deadletter.DeadLetters;
import io.understudy.schemas.registry.SchemaRegistryException;
import io.understudy.schemas.serde.TopicDecoder;
import io.understudy.schemas.serde.TopicDecoder.Decoded;
import io.understudy.schemas.topic.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/**
 * Turns one raw record of a command topic into a {@link Verdict}: decode it, run its handler, describe the
 * outcome. Knows nothing of consumers, producers or offsets.
 *
 * <p>A registry that cannot be reached is not the record's fault: that {@link SchemaRegistryException}
 * propagates so the caller retries the same record later instead of dead-lettering a valid command.
 */
public final class CommandExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(CommandExecutor.class);

    private final Handlers handlers;
    private final TopicDecoder decoder;
    private final String service;
    private final Clock clock;
    private final CommandLedger ledger;

    public CommandExecutor(Handlers handlers, Deserializer<SpecificRecord> deserializer, String service, Clock clock) {
        this(handlers, deserializer, service, clock, CommandLedger.NONE);
    }

    public CommandExecutor(Handlers handlers, Deserializer<SpecificRecord> deserializer, String service, Clock clock,
                           CommandLedger ledger) {
        this.handlers = handlers;
        this.decoder = new TopicDecoder(deserializer);
        this.service = service;
        this.clock = clock;
        this.ledger = ledger;
    }

    public Verdict execute(int partition, long offset, byte[] key, byte[] value) {
        Topic topic = handlers.topic();
        Decoded decoded = decoder.decode(topic, value);
        if (decoded instanceof Decoded.Accepted accepted) {
            SpecificRecord command = accepted.record();
            String commandId = CommandResults.metaOf(command).getEventId();
            Optional<CommandResult> done = ledger.recorded(commandId);
            if (done.isPresent()) {
                LOG.info("{} {} ran before: answering with its recorded result", command.getSchema().getName(), commandId);
                return new Verdict.Replayed(done.get());
            }
            return new Verdict.Executed(CommandResults.of(command, run(command), service, clock.instant()));
        }
        String reason = ((Decoded.Rejected) decoded).reason();
        LOG.warn("dead-lettering {}-{}@{}: {}", topic.topicName, partition, offset, reason);
        return new Verdict.Rejected(DeadLetters.of(topic.topicName, partition, offset, key, value, reason, service,
                clock.instant()));
    }

    private Outcome run(SpecificRecord command) {
        CommandHandler<SpecificRecord> handler = handlers.forCommand(command).orElseThrow();
        String name = command.getSchema().getName();
        String commandId = CommandResults.metaOf(command).getEventId();
        try {
            Outcome outcome = handler.handle(command);
            LOG.info("{} {}: {}", name, commandId, outcome.succeeded() ? "succeeded " + outcome.outputs()
                    : (outcome.retriable() ? "failed retriably: " : "failed permanently: ") + outcome.error());
            return outcome;
        } catch (RuntimeException e) {
            // A bug or an unforeseen answer must not stop the service: the orchestrator may retry the command.
            LOG.error("{} {} threw", name, commandId, e);
            return Outcome.failedRetriably("unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
