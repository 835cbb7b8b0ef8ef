package io.understudy.takeover.avro;

import io.understudy.contract.EventMetadata;
import io.understudy.takeover.saga.Meta;

final class Metadata {
    private Metadata() {
    }

    static EventMetadata toAvro(Meta meta, String producer) {
        return EventMetadata.newBuilder()
                .setEventId(meta.eventId())
                .setEnvironmentId(meta.environmentId())
                .setTakeoverId(meta.takeoverId())
                .setCausationId(meta.causationId())
                .setOccurredAt(meta.occurredAt())
                .setProducer(producer)
                .build();
    }
}
