package io.understudy.takeover.streams;

import io.understudy.contract.EnvironmentState;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.SagaTick;
import io.understudy.schemas.topic.Topic;
import io.understudy.takeover.avro.Commands;
import io.understudy.takeover.avro.Events;
import io.understudy.takeover.avro.Inputs;
import io.understudy.takeover.avro.States;
import io.understudy.takeover.saga.Command;
import io.understudy.takeover.saga.Decision;
import io.understudy.takeover.saga.Environment;
import io.understudy.takeover.saga.Event;
import io.understudy.takeover.saga.Input;
import io.understudy.takeover.saga.Saga;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Hosts the saga: loads an environment's state, lets the saga decide, stores the result and sends what it says. */
final class SagaProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {
    static final Duration TICK = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(SagaProcessor.class);

    private final String producer;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, EnvironmentState> store;

    SagaProcessor(String producer) {
        this.producer = producer;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.store = context.getStateStore(TakeoverTopology.STORE);
        context.schedule(TICK, PunctuationType.WALL_CLOCK_TIME, this::tick);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.key() == null || record.value() == null) {
            // a record without an environment id as key sits in the wrong partition: acting on it would split state
            LOG.warn("ignoring a record without key or value: {}", record);
            return;
        }
        Optional<Input> input = Inputs.from(record.key(), record.value());
        if (input.isPresent()) {
            decide(record.key(), input.get(), record.timestamp());
            journal(record.key(), record.value(), record.timestamp());
        }
    }

    /**
     * Feeds wall-clock time to every environment with a takeover in flight or an instance whose retry is deferred:
     * the saga's timers run on it.
     */
    private void tick(long now) {
        List<String> busy = new ArrayList<>();
        try (KeyValueIterator<String, EnvironmentState> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, EnvironmentState> entry = all.next();
                if (!entry.value.getTakeovers().isEmpty() || !entry.value.getDeferredUntil().isEmpty()
                        || entry.value.getRegistrationCheck() != null
                        || entry.value.getTakeover() != null) {
                    busy.add(entry.key);
                }
            }
        }
        for (String environmentId : busy) {
            Input.Tick tick = new Input.Tick(Instant.ofEpochMilli(now));
            if (decide(environmentId, tick, now)) {
                journal(environmentId, new SagaTick(meta(environmentId, tick)), now);
            }
        }
    }

    /**
     * The journal holds every input in the order the saga took it in; ticks only when they changed something, since
     * replaying one that changed nothing changes nothing.
     */
    private void journal(String environmentId, SpecificRecord input, long timestamp) {
        context.forward(new Record<>(environmentId, input, timestamp), Topic.SAGA_JOURNAL.name());
    }

    private EventMetadata meta(String environmentId, Input.Tick tick) {
        return EventMetadata.newBuilder().setEventId(tick.eventId()).setEnvironmentId(environmentId)
                .setOccurredAt(tick.at()).setProducer(producer).build();
    }

    /** @return whether the saga did or said anything */
    private boolean decide(String environmentId, Input input, long timestamp) {
        EnvironmentState stored = store.get(environmentId);
        Environment state = stored == null ? null : States.fromAvro(stored);
        Decision decision = Saga.decide(state, input);
        for (Command command : decision.commands()) {
            SpecificRecord avro = Commands.toAvro(command, producer);
            context.forward(new Record<>(environmentId, avro, timestamp), Commands.topicOf(avro).name());
        }
        for (Event event : decision.events()) {
            context.forward(new Record<>(environmentId, Events.toAvro(event, producer), timestamp), Topic.TAKEOVER_EVENTS.name());
        }
        if (decision.state() != null && !decision.state().equals(state)) {
            EnvironmentState next = States.toAvro(decision.state());
            store.put(environmentId, next);
            context.forward(new Record<>(environmentId, next, timestamp), Topic.ENVIRONMENT_STATE.name());
            return true;
        }
        return !decision.commands().isEmpty() || !decision.events().isEmpty();
    }
}
