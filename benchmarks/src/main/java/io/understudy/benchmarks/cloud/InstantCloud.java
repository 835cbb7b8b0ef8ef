package io.understudy.benchmarks.cloud;

import io.understudy.contract.CommandResult;
import io.understudy.execution.CommandResults;
import io.understudy.execution.Outcome;
import io.understudy.schemas.serde.AvroDeserializer;
import io.understudy.schemas.serde.AvroSerializer;
import io.understudy.schemas.topic.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The four executing services in one: reads their command topics and answers every command at once with a success
 * and its typed output, as {@link CommandResults} builds a result. Its clients are configured as the executing
 * services' (read_committed, results idempotent with acks=all, no linger), so only the cloud's work is missing.
 */
public final class InstantCloud implements AutoCloseable {
    static final String PRODUCER = "instant-cloud";
    private static final List<Topic> COMMAND_TOPICS =
            List.of(Topic.IP_COMMANDS, Topic.VOLUME_COMMANDS, Topic.PROXY_COMMANDS, Topic.PROVISIONER_COMMANDS);

    /** Told of every command as it arrives, before it is answered; on the cloud's own thread. */
    public interface Witness {
        void received(SpecificRecord command, long nanoTime);
    }

    private final KafkaConsumer<String, SpecificRecord> consumer;
    private final KafkaProducer<String, SpecificRecord> producer;
    private final Witness witness;
    private final Thread thread;
    private final AtomicLong answered = new AtomicLong();
    private volatile Throwable failure;

    private InstantCloud(Map<String, Object> clientConfig, Witness witness) {
        this.consumer = new KafkaConsumer<>(consumerConfig(clientConfig), new StringDeserializer(), deserializer(clientConfig));
        this.producer = new KafkaProducer<>(producerConfig(clientConfig), new StringSerializer(), serializer(clientConfig));
        this.witness = witness;
        this.thread = new Thread(this::run, "instant-cloud");
        this.thread.setDaemon(true);
    }

    /** {@code clientConfig}: the broker's and registry's settings of a client allowed on every command topic. */
    public static InstantCloud start(Map<String, Object> clientConfig, Witness witness) {
        InstantCloud cloud = new InstantCloud(clientConfig, witness);
        cloud.consumer.subscribe(COMMAND_TOPICS.stream().map(t -> t.topicName).toList());
        cloud.thread.start();
        return cloud;
    }

    public long answered() {
        return answered.get();
    }

    /** Fails with what stopped the cloud, if anything did. */
    public void check() {
        if (failure != null) {
            throw new IllegalStateException("the instant cloud stopped: " + failure, failure);
        }
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    witness.received(record.value(), now);
                    answer(record);
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

    private void answer(ConsumerRecord<String, SpecificRecord> record) {
        CommandResult result = CommandResults.of(record.value(), Outcome.succeeded(InstantAnswers.outputOf(record.value())),
                PRODUCER, Instant.now());
        producer.send(new ProducerRecord<>(Topic.COMMAND_RESULTS.topicName, record.key(), result), (metadata, e) -> {
            if (e != null) {
                failure = e;
            }
        });
        answered.incrementAndGet();
    }

    @Override
    public void close() {
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }

    static Map<String, Object> consumerConfig(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, PRODUCER);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // commands are written in the orchestrator's transactions, as the executing services read them
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }

    static Map<String, Object> producerConfig(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return config;
    }

    private static AvroDeserializer deserializer(Map<String, Object> clientConfig) {
        AvroDeserializer values = new AvroDeserializer();
        values.configure(Map.of(AvroSerializer.REGISTRY_URL, clientConfig.get(AvroSerializer.REGISTRY_URL)), false);
        return values;
    }

    private static AvroSerializer serializer(Map<String, Object> clientConfig) {
        AvroSerializer values = new AvroSerializer();
        values.configure(Map.of(AvroSerializer.REGISTRY_URL, clientConfig.get(AvroSerializer.REGISTRY_URL)), false);
        return values;
    }
}
