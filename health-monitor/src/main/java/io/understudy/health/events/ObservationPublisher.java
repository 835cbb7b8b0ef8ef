package io.understudy.health.events;

import io.understudy.contract.HealthObservation;
import io.understudy.health.detection.InstanceRef;
import io.understudy.health.detection.Observation;
import io.understudy.schemas.topic.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Writes this observer's observations to the observations topic, keyed by environment id, so that one
 * environment's observations from every observer meet, in order, in one partition of the quorum.
 */
public final class ObservationPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ObservationPublisher.class);

    private final Producer<String, SpecificRecord> producer;
    private final String observer;
    private final Consumer<Observation> changed;

    /** @param changed told about every change of verdict the broker acknowledged (metrics) */
    public ObservationPublisher(Producer<String, SpecificRecord> producer, String observer, Consumer<Observation> changed) {
        this.producer = producer;
        this.observer = observer;
        this.changed = changed;
    }

    /** A change of verdict: logged and counted. */
    public void changed(Observation observation) {
        log.info("{} {} {}{}: {}", observer, observation.instance(), observation.verdict(),
                observation.flapping() ? " (flapping)" : "", observation.reason());
        send(observation.instance(), Observations.toRecord(observation, observer, UUID.randomUUID().toString()),
                () -> changed.accept(observation));
    }

    /** The periodic report of an unchanged verdict: tells the quorum this observer is alive and still watching. */
    public void report(Observation observation) {
        send(observation.instance(), Observations.toRecord(observation, observer, UUID.randomUUID().toString()), () -> { });
    }

    public void released(InstanceRef instance, Instant at) {
        send(instance, Observations.released(instance, observer, UUID.randomUUID().toString(), at), () -> { });
    }

    /** Never throws: a lost observation is repeated by the next report, a thrown one would stop the caller's loop. */
    private void send(InstanceRef instance, HealthObservation record, Runnable acknowledged) {
        try {
            producer.send(new ProducerRecord<>(Topic.HEALTH_OBSERVATIONS.topicName, instance.environmentId(), record),
                    (metadata, error) -> {
                        if (error == null) {
                            acknowledged.run();
                        } else {
                            log.error("could not publish the observation of {}: {}", instance, error.toString());
                        }
                    });
        } catch (KafkaException e) {
            log.error("could not publish the observation of {}: {}", instance, e.toString());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
