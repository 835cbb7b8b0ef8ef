package io.understudy.schemas.deadletter;

import io.understudy.contract.DeadLetter;

import java.nio.ByteBuffer;
import java.time.Instant;

/** A record set aside with the reason and its original bytes, so it can be inspected and replayed later. */
public final class DeadLetters {
    private DeadLetters() {
    }

    public static DeadLetter of(String sourceTopic, int partition, long offset, byte[] key, byte[] value,
                                String reason, String service, Instant now) {
        return DeadLetter.newBuilder()
                .setSourceTopic(sourceTopic)
                .setPartition(partition)
                .setOffset(offset)
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setValue(value == null ? null : ByteBuffer.wrap(value))
                .setReason(reason)
                .setService(service)
                .setFailedAt(now)
                .build();
    }
}
