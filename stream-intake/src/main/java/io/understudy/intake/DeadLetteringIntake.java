package io.understudy.intake;

import io.understudy.contract.EventMetadata;
import io.understudy.schemas.deadletter.DeadLetters;
import io.understudy.schemas.serde.TopicDecoder;
import io.understudy.schemas.serde.TopicDecoder.Decoded;
import io.understudy.schemas.topic.Topic;
import io.understudy.signatures.Verdict;
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
 * the same Avro {@code DeadLetter} every service writes. Operator commands can be required to carry an operator's
 * signature ({@link OperatorCommandCheck}): checked here, on the bytes as they arrived.
 *
 * <p>An unreachable registry is not the record's fault: the exception fails the stream thread, which is replaced,
 * and the record is read again.
 */
public final class DeadLetteringIntake implements Processor<byte[], byte[], String, SpecificRecord> {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetteringIntake.class);

    private final TopicDecoder decoder;
    private final String service;
    private final String next;
    private final OperatorCommandCheck operatorCommands;
    private ProcessorContext<String, SpecificRecord> context;

    /** {@code next}: the processor that takes the accepted records; DEAD_LETTERS must be a sink named Topic.DEAD_LETTERS.name(). */
    public DeadLetteringIntake(TopicDecoder decoder, String service, String next) {
        this(decoder, service, next, OperatorCommandCheck.unchecked());
    }

    /** With the operator commands it reads checked for an operator's signature. */
    public DeadLetteringIntake(TopicDecoder decoder, String service, String next, OperatorCommandCheck operatorCommands) {
        this.decoder = decoder;
        this.service = service;
        this.next = next;
        this.operatorCommands = operatorCommands;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> raw) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        String key = raw.key() == null ? null : new String(raw.key(), StandardCharsets.UTF_8);
        Optional<Topic> topic = Topic.named(source.topic());
        if (topic.isEmpty()) {
            deadLetter(source, key, raw, source.topic() + " is not an Understudy topic");
            return;
        }
        Optional<String> signer = Optional.empty();
        if (operatorCommands.applies(topic.get())) {
            Verdict verdict = operatorCommands.verify(topic.get(), raw.key(), raw.value(), raw.headers(), now());
            if (verdict instanceof Verdict.Refused refused) {
                deadLetter(source, key, raw, "operator command refused: " + refused.reason());
                return;
            }
            signer = Optional.of(((Verdict.Signed) verdict).principal());
        }
        Decoded decoded = decoder.decode(topic.get(), raw.value());
        Optional<String> refusal = decoded instanceof Decoded.Accepted accepted ? misplaced(key, accepted.record())
                : Optional.of(((Decoded.Rejected) decoded).reason());
        if (refusal.isEmpty() && signer.isPresent()) {
            refusal = operatorCommands.stamp(((Decoded.Accepted) decoded).record(), signer.get(), now())
                    .map(reason -> "operator command refused: " + reason);
        }
        if (refusal.isEmpty()) {
            context.forward(new Record<>(key, ((Decoded.Accepted) decoded).record(), raw.timestamp()), next);
            return;
        }
        deadLetter(source, key, raw, refusal.get());
    }

    private void deadLetter(RecordMetadata source, String key, Record<byte[], byte[]> raw, String reason) {
        LOG.warn("dead-lettering {}-{}@{}: {}", source.topic(), source.partition(), source.offset(), reason);
        SpecificRecord letter = DeadLetters.of(source.topic(), source.partition(), source.offset(), raw.key(),
                raw.value(), reason, service, now());
        context.forward(new Record<>(key, letter, raw.timestamp()), Topic.DEAD_LETTERS.name());
    }

    private Instant now() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
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
