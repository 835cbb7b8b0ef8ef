package io.understudy.benchmarks.harness;

import io.understudy.benchmarks.cloud.InstantCloud;
import io.understudy.contract.AssociateAddress;
import io.understudy.contract.EnvironmentState;
import io.understudy.contract.RegistrationRefused;
import io.understudy.contract.TakeoverCompleted;
import io.understudy.contract.TakeoverFailed;
import io.understudy.contract.TakeoverStepSucceeded;
import io.understudy.execution.CommandResults;
import io.understudy.schemas.serde.AvroDeserializer;
import io.understudy.schemas.serde.AvroSerializer;
import io.understudy.schemas.state.Watching;
import io.understudy.schemas.topic.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the benchmark sees of the orchestrator: the commands reaching the instant cloud (as its witness), the public
 * takeover events and the environment states, each stamped with System.nanoTime() when read, in this one JVM.
 */
public final class Observed implements InstantCloud.Witness, AutoCloseable {
    private final Map<String, Timeline> timelines = new ConcurrentHashMap<>();
    private final Set<String> watched = ConcurrentHashMap.newKeySet();
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, SpecificRecord> consumer;
    private final Thread thread;
    private volatile Throwable failure;

    private Observed(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        AvroDeserializer values = new AvroDeserializer();
        values.configure(Map.of(AvroSerializer.REGISTRY_URL, clientConfig.get(AvroSerializer.REGISTRY_URL)), false);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
        this.thread = new Thread(this::run, "observed");
        this.thread.setDaemon(true);
    }

    /** Reads the takeover events and environment states from their start; the topics must exist. */
    public static Observed start(Map<String, Object> clientConfig) {
        Observed observed = new Observed(clientConfig);
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic topic : List.of(Topic.TAKEOVER_EVENTS, Topic.ENVIRONMENT_STATE)) {
            observed.consumer.partitionsFor(topic.topicName)
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        observed.consumer.assign(partitions);
        observed.consumer.seekToBeginning(partitions);
        observed.thread.start();
        return observed;
    }

    /** A new takeover of {@code environmentId} about to be declared at {@code nanoTime}. */
    public Timeline declare(String environmentId, long nanoTime) {
        Timeline timeline = new Timeline();
        timeline.declared(nanoTime);
        timelines.put(environmentId, timeline);
        return timeline;
    }

    public int watchedCount() {
        return watched.size();
    }

    public Map<String, String> refused() {
        return Map.copyOf(refused);
    }

    public void check() {
        if (failure != null) {
            throw new IllegalStateException("reading the takeover events failed: " + failure, failure);
        }
    }

    @Override
    public void received(SpecificRecord command, long nanoTime) {
        if (command instanceof AssociateAddress) {
            timelineOf(command).ifPresent(t -> t.pivotCommand(nanoTime));
        }
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(100))) {
                    seen(record.value(), System.nanoTime());
                }
            }
        } catch (WakeupException stopping) {
            // close() asked
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void seen(SpecificRecord event, long nanoTime) {
        if (event instanceof EnvironmentState state && Watching.watched(state)) {
            watched.add(state.getEnvironmentId());
        } else if (event instanceof RegistrationRefused refusal) {
            refused.put(refusal.getMeta().getEnvironmentId(), String.valueOf(refusal));
        } else if (event instanceof TakeoverStepSucceeded step && step.getStep().equals("pivot")) {
            timelineOf(event).ifPresent(t -> t.pivotDone(nanoTime));
        } else if (event instanceof TakeoverCompleted) {
            timelineOf(event).ifPresent(t -> t.completed(nanoTime));
        } else if (event instanceof TakeoverFailed failed) {
            timelineOf(event).ifPresent(t -> t.failed(String.valueOf(failed)));
        }
    }

    private Optional<Timeline> timelineOf(SpecificRecord record) {
        return Optional.ofNullable(timelines.get(CommandResults.metaOf(record).getEnvironmentId()));
    }

    @Override
    public void close() {
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
