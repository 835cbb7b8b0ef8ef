package io.understudy.health.impending;

import io.understudy.contract.EventMetadata;
import io.understudy.contract.ImpendingFailure;
import io.understudy.schemas.topic.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * Writes ImpendingFailure to the health topic, keyed by environment. The event id is derived from the cause, so a
 * restart or a second replica that announces the same cause again writes an event with the same id.
 */
public final class ImpendingFailurePublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImpendingFailurePublisher.class);
    static final String PRODUCER = "health-monitor/impending";

    private final Producer<String, SpecificRecord> producer;

    public ImpendingFailurePublisher(Producer<String, SpecificRecord> producer) {
        this.producer = producer;
    }

    /** Blocks until the broker has it: a cause is only remembered as announced once it really was. */
    public void publish(Impending impending, Instant now) throws ExecutionException, InterruptedException {
        ImpendingFailure event = ImpendingFailure.newBuilder()
                .setMeta(EventMetadata.newBuilder()
                        .setEventId(UUID.nameUUIDFromBytes(impending.key().getBytes(StandardCharsets.UTF_8)).toString())
                        .setEnvironmentId(impending.environmentId())
                        .setTakeoverId(null).setCausationId(null)
                        .setOccurredAt(now).setProducer(PRODUCER).build())
                .setInstanceId(impending.instanceId())
                .setReason(impending.reason())
                .setNotBefore(impending.notBefore().orElse(null))
                .build();
        LOG.info("ImpendingFailure {} in {}: {}", impending.instanceId(), impending.environmentId(), impending.reason());
        producer.send(new ProducerRecord<>(Topic.HEALTH_EVENTS.topicName, impending.environmentId(), event)).get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
