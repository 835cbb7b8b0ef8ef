package io.understudy.health.events;

import io.understudy.health.detection.InstanceRef;
import io.understudy.health.detection.Observation;
import io.understudy.health.detection.SelfSuspicion;
import io.understudy.schemas.topic.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Writes this observer's observations to the observations topic, keyed by environment id, so that one
 * environment's observations from every observer meet, in order, in one partition of the quorum; and its
 * self-suspicion to the health topic, once per environment it watches.
 */
public final class ObservationPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ObservationPublisher.class);

    private final Producer<String, SpecificRecord> producer;
    private final String observer;
    private final String zone;
    private final Consumer<Observation> changed;

    /**
     * @param zone    the observer's availability zone, carried on everything it writes; empty when unknown
     * @param changed told about every change of verdict the broker acknowledged (metrics)
     */
    public ObservationPublisher(Producer<String, SpecificRecord> producer, String observer, String zone,
                                Consumer<Observation> changed) {
        this.producer = producer;
        this.observer = observer;
        this.zone = zone;
        this.changed = changed;
    }

    /** A change of verdict: logged and counted. */
    public void changed(Observation observation) {
        log.info("{} {} {}{}: {}", observer, observation.instance(), observation.verdict(),
                observation.flapping() ? " (flapping)" : "", observation.reason());
        send(Topic.HEALTH_OBSERVATIONS, observation.instance().environmentId(),
                Observations.toRecord(observation, observer, zone, UUID.randomUUID().toString()),
                "the observation of " + observation.instance(), () -> changed.accept(observation));
    }

    /** The periodic report of an unchanged verdict: tells the quorum this observer is alive and still watching. */
    public void report(Observation observation) {
        send(Topic.HEALTH_OBSERVATIONS, observation.instance().environmentId(),
                Observations.toRecord(observation, observer, zone, UUID.randomUUID().toString()),
                "the observation of " + observation.instance(), () -> { });
    }

    public void released(InstanceRef instance, Instant at) {
        send(Topic.HEALTH_OBSERVATIONS, instance.environmentId(),
                Observations.released(instance, observer, zone, UUID.randomUUID().toString(), at),
                "the observation of " + instance, () -> { });
    }

    /** The observer starts or stops suspecting itself: a WARN or an INFO, and a record to every environment it watches. */
    public void selfSuspicion(SelfSuspicion.Change change, Set<String> environments) {
        if (change.suspectsItself()) {
            log.warn("{} suspects itself and abstains from failure votes on {} environment(s): {}", observer,
                    environments.size(), change.reason());
        } else {
            log.info("{} no longer suspects itself and votes again: {}", observer, change.reason());
        }
        environments.forEach(environment -> send(Topic.HEALTH_EVENTS, environment,
                SelfSuspicions.toRecord(change, environment, observer, zone), "the self-suspicion of " + observer, () -> { }));
    }

    /** Never throws: a lost observation is repeated by the next report, a thrown one would stop the caller's loop. */
    private void send(Topic topic, String environmentId, SpecificRecord record, String what, Runnable acknowledged) {
        try {
            producer.send(new ProducerRecord<>(topic.topicName, environmentId, record), (metadata, error) -> {
                if (error == null) {
                    acknowledged.run();
                } else {
                    log.error("could not publish {}: {}", what, error.toString());
                }
            });
        } catch (KafkaException e) {
            log.error("could not publish {}: {}", what, e.toString());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
