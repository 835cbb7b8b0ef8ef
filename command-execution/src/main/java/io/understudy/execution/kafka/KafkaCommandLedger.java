package io.understudy.execution.kafka;

import io.understudy.contract.CommandResult;
import io.understudy.execution.CommandLedger;
import io.understudy.schemas.topic.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The ledger as a compacted topic, key {@code service/commandId}, value the result published for it. Every
 * replica of a service reads the whole topic up to its end before it looks a command up, so a command redelivered
 * to another replica after a crash or a rebalance is still found. Used by the command thread only.
 */
public final class KafkaCommandLedger implements CommandLedger, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaCommandLedger.class);
    private static final Duration CATCH_UP_LIMIT = Duration.ofSeconds(30);

    private final Supplier<Consumer<byte[], SpecificRecord>> consumers;
    private final String prefix;
    private final Map<String, CommandResult> results = new HashMap<>();
    private Consumer<byte[], SpecificRecord> reader;

    public KafkaCommandLedger(Supplier<Consumer<byte[], SpecificRecord>> consumers, String service) {
        this.consumers = consumers;
        this.prefix = service + "/";
    }

    @Override
    public Optional<CommandResult> recorded(String commandId) {
        catchUp();
        return Optional.ofNullable(results.get(commandId));
    }

    /** The ledger entry to publish with a command's result. */
    public ProducerRecord<byte[], SpecificRecord> entry(CommandResult result) {
        byte[] key = (prefix + result.getCommandId()).getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(Topic.COMMAND_LEDGER.topicName, key, result);
    }

    /** Once its entry is acknowledged: the next look-up need not wait to read it back. */
    public void remember(CommandResult result) {
        results.put(result.getCommandId(), result);
    }

    private void catchUp() {
        Consumer<byte[], SpecificRecord> consumer = reader();
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        Instant deadline = Instant.now().plus(CATCH_UP_LIMIT);
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (Instant.now().isAfter(deadline)) {
                throw new TimeoutException("the command ledger could not be read to its end within " + CATCH_UP_LIMIT);
            }
            try {
                consumer.poll(Duration.ofMillis(100)).forEach(this::take);
            } catch (RecordDeserializationException e) {
                // only this service writes here; an entry it cannot read is skipped, not a reason to stop working
                LOG.warn("skipping unreadable ledger entry {}@{}: {}", e.topicPartition(), e.offset(), e.getMessage());
                consumer.seek(e.topicPartition(), e.offset() + 1);
            }
        }
    }

    private void take(ConsumerRecord<byte[], SpecificRecord> record) {
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        if (key.startsWith(prefix) && record.value() instanceof CommandResult result) {
            results.put(key.substring(prefix.length()), result);
        }
    }

    private Consumer<byte[], SpecificRecord> reader() {
        if (reader == null) {
            Consumer<byte[], SpecificRecord> consumer = consumers.get();
            List<TopicPartition> partitions = consumer.partitionsFor(Topic.COMMAND_LEDGER.topicName).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            reader = consumer;
        }
        return reader;
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
