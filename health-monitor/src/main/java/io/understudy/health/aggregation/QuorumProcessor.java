package io.understudy.health.aggregation;

import io.understudy.contract.HealthObservation;
import io.understudy.contract.ObserverVerdict;
import io.understudy.health.events.HealthEvents;
import io.understudy.health.events.Observations;
import io.understudy.health.quorum.Announced;
import io.understudy.health.quorum.HealthEvent;
import io.understudy.health.quorum.Quorum;
import io.understudy.health.quorum.Report;
import io.understudy.schemas.topic.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Hosts the {@link Quorum}: per instance, each observer's latest report (store key
 * {@code <environment>/<instance>/<observer>}) and what has been announced ({@code <environment>/<instance>}).
 * Reports of observers that stopped reporting are dropped as they go stale; when the last observer releases an
 * instance, its announcement goes too, so a returning instance starts afresh.
 */
final class QuorumProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {
    private static final Logger LOG = LoggerFactory.getLogger(QuorumProcessor.class);
    private static final String SEPARATOR = "/";

    private final Quorum quorum;
    private final String replicaId;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, HealthObservation> reports;
    private KeyValueStore<String, String> announced;

    QuorumProcessor(Quorum quorum, String replicaId) {
        this.quorum = quorum;
        this.replicaId = replicaId;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.reports = context.getStateStore(QuorumTopology.REPORTS);
        this.announced = context.getStateStore(QuorumTopology.ANNOUNCED);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        HealthObservation observation = (HealthObservation) record.value();
        String instanceKey = record.key() + SEPARATOR + observation.getInstanceId() + SEPARATOR;
        String reportKey = instanceKey + observation.getObserver();
        HealthObservation previous = reports.get(reportKey);
        if (previous != null && previous.getMeta().getOccurredAt().isAfter(observation.getMeta().getOccurredAt())) {
            // an observer's older report arriving after a newer one (its verdicts and its periodic repeats travel
            // separately) says nothing new: taken in, a stale UP after a SUSPECT would announce a false recovery
            return;
        }
        Optional<Report> trigger = Observations.toReport(observation);
        if (trigger.isEmpty()) {
            reports.delete(reportKey);
            if (observation.getVerdict() == ObserverVerdict.RELEASED && latest(instanceKey).isEmpty()) {
                announced.delete(instanceKey);
            }
            return;
        }
        reports.put(reportKey, observation);
        List<Report> all = latest(instanceKey);
        List<Report> live = quorum.live(all, trigger.get().observation().at());
        all.stream().filter(r -> !live.contains(r)).forEach(r -> reports.delete(instanceKey + r.observer()));
        Quorum.Outcome outcome = quorum.decide(Announced.parse(announced.get(instanceKey)), live, trigger.get());
        announced.put(instanceKey, outcome.announced().text());
        outcome.events().forEach(event -> emit(record, observation, event));
    }

    private void emit(Record<String, SpecificRecord> cause, HealthObservation trigger, HealthEvent event) {
        LOG.info("{}{} {}: {}", event.kind(), event.repeated() ? " again" : "", event.instance(), event.reason());
        SpecificRecord value = HealthEvents.toRecord(event, eventId(trigger, event), replicaId);
        context.forward(new Record<>(cause.key(), value, cause.timestamp()), Topic.HEALTH_EVENTS.name());
    }

    /**
     * Named after the observation that caused it, so that reprocessing the same observations (a replica restarted
     * before its commit, a replay for an audit) gives the same event the same id and subscribers can drop the repeat.
     */
    static String eventId(HealthObservation trigger, HealthEvent event) {
        String cause = String.join(SEPARATOR, trigger.getMeta().getEventId(), event.kind().name(),
                event.instance().environmentId(), event.instance().instanceId());
        return UUID.nameUUIDFromBytes(cause.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private List<Report> latest(String instanceKey) {
        List<Report> found = new ArrayList<>();
        try (KeyValueIterator<String, HealthObservation> it = reports.prefixScan(instanceKey, new StringSerializer())) {
            while (it.hasNext()) {
                KeyValue<String, HealthObservation> entry = it.next();
                Observations.toReport(entry.value).ifPresent(found::add);
            }
        }
        return found;
    }
}
