package io.understudy.intake;

import io.understudy.contract.EventMetadata;
import io.understudy.schemas.deadletter.DeadLetters;
import io.understudy.schemas.serde.TopicDecoder;
import io.understudy.schemas.serde.TopicDecoder.Decoded;
import io.understudy.schemas.topic.Topic;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * The first processor of a topology that reads raw bytes: a record that belongs on its topic, keyed by the
 * environment it is about, goes on to {@code next}; anything else goes to the DEAD_LETTERS sink with the reason
 * and the original bytes, in the same transaction as its offset (neither lost nor doubled), and the next record is
 * processed. Decoding here rather than in a deserializer keeps the dead letter an ordinary output of the topology,
 * the same Avro {@code DeadLetter} every service writes.
 *
 * <p>An unreachable registry is not the record's fault: the exception fails the stream thread, which is replaced,
 * and the record is read again.
 */
public final class DeadLetteringIntake implements Processor<byte[], byte[], String, SpecificRecord> {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetteringIntake.class);

    private final TopicDecoder decoder;
    private final String service;
    private final String next;
    private ProcessorContext<String, SpecificRecord> context;

    /** {@code next}: the processor that takes the accepted records; DEAD_LETTERS must be a sink named Topic.DEAD_LETTERS.name(). */
    public DeadLetteringIntake(TopicDecoder decoder, String service, String next) {
        this.decoder = decoder;
        this.service = service;
        this.next = next;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> raw) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        String key = raw.key() == null ? null : new String(raw.key(), StandardCharsets.UTF_8);
        Decoded decoded = Topic.named(source.topic())
                .map(topic -> decoder.decode(topic, raw.value()))
                .orElse(new Decoded.Rejected(source.topic() + " is not an Understudy topic"));
        Optional<String> refusal = decoded instanceof Decoded.Accepted accepted ? misplaced(key, accepted.record())
                : Optional.of(((Decoded.Rejected) decoded).reason());
        if (refusal.isEmpty()) {
            context.forward(new Record<>(key, ((Decoded.Accepted) decoded).record(), raw.timestamp()), next);
            return;
        }
        LOG.warn("dead-lettering {}-{}@{}: {}", source.topic(), source.partition(), source.offset(), refusal.get());
        SpecificRecord letter = DeadLetters.of(source.topic(), source.partition(), source.offset(), raw.key(),
                raw.value(), refusal.get(), service, Instant.ofEpochMilli(context.currentSystemTimeMs()));
        context.forward(new Record<>(key, letter, raw.timestamp()), Topic.DEAD_LETTERS.name());
    }

    /**
     * A record not keyed by the environment it is about sits in the wrong partition: acting on it would split that
     * environment's state over two partitions.
     */
    private static Optional<String> misplaced(String key, SpecificRecord record) {
        if (key == null) {
            return Optional.of("no environment id as key");
        }
        Schema.Field field = record.getSchema().getField("meta");
        Object meta = field == null ? null : record.get(field.pos());
        if (meta instanceof EventMetadata metadata && !key.equals(metadata.getEnvironmentId())) {
            return Optional.of("key " + key + " is not the record's environment " + metadata.getEnvironmentId());
        }
        return Optional.empty();
    }
}
