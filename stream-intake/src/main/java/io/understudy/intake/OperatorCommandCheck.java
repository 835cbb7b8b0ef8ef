package io.understudy.intake;

import io.understudy.contract.EventMetadata;
import io.understudy.schemas.topic.Topic;
import io.understudy.signatures.OperatorTrust;
import io.understudy.signatures.Verdict;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Operator commands are acted on only when an operator signed them: the signature is checked on the record's bytes
 * as they arrived, and the operator's certificate name replaces whatever the record says in {@code meta.producer},
 * so the saga, its journal and every event record who asked as authenticated, never a self-declared name. A command
 * older than {@code maxAge} is refused, so a signed command copied off the topic cannot be replayed much later.
 * {@link #unchecked()} is the explicit insecure mode: the names are then what the writers say.
 */
public final class OperatorCommandCheck {
    private final OperatorTrust trust;
    private final Duration maxAge;

    private OperatorCommandCheck(OperatorTrust trust, Duration maxAge) {
        this.trust = trust;
        this.maxAge = maxAge;
    }

    public static OperatorCommandCheck signedBy(OperatorTrust trust, Duration maxAge) {
        return new OperatorCommandCheck(trust, maxAge);
    }

    public static OperatorCommandCheck unchecked() {
        return new OperatorCommandCheck(null, null);
    }

    boolean applies(Topic topic) {
        return trust != null && topic == Topic.OPERATOR_COMMANDS;
    }

    Verdict verify(Topic topic, byte[] key, byte[] value, Headers headers, Instant now) {
        Map<String, byte[]> last = new HashMap<>();
        for (Header header : headers) {
            last.put(header.key(), header.value());
        }
        return trust.verify(topic.topicName, key, value, last, now);
    }

    /** The record as signed by {@code principal}, or why it is refused (too old). */
    Optional<String> stamp(SpecificRecord record, String principal, Instant now) {
        Schema.Field field = record.getSchema().getField("meta");
        if (field == null || !(record.get(field.pos()) instanceof EventMetadata meta)) {
            return Optional.of("an operator command without meta");
        }
        if (meta.getOccurredAt().isBefore(now.minus(maxAge))) {
            return Optional.of("signed by " + principal + " at " + meta.getOccurredAt() + ", more than " + maxAge
                    + " ago: issue it again");
        }
        record.put(field.pos(), EventMetadata.newBuilder(meta).setProducer(principal).build());
        return Optional.empty();
    }
}
