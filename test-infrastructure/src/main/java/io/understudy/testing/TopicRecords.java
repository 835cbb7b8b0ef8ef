package io.understudy.testing;

import io.understudy.contract.EnvironmentState;
import io.understudy.schemas.access.Principal;
import io.understudy.schemas.serde.AvroDeserializer;
import io.understudy.schemas.state.Watching;
import io.understudy.schemas.topic.Topic;
import io.understudy.signatures.OperatorKey;
import io.understudy.signatures.SignedOperatorCommands;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Reads and writes one topic of the contract through the shared {@link Infrastructure}. Each {@link #await}
 * reads the whole topic again from the beginning with a consumer of its own (assigned, no group), so calls
 * do not steal records from each other or from the services under test. They act as the broker's administrator,
 * allowed everything, unless {@link #as} names the principal to act as. Operator commands are written signed by the
 * suite's operator ({@link OperatorCertificates}), as the CLI writes them, unless {@link #signedBy} or {@link #unsigned}
 * says otherwise.
 */
public final class TopicRecords {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int MAX_SHOWN = 50;

    private final Topic topic;
    private final Infrastructure infrastructure;
    private final Principal principal;
    /** Who signs what {@link #send} writes; null: nobody. */
    private final OperatorKey operator;

    private TopicRecords(Topic topic, Infrastructure infrastructure, Principal principal, OperatorKey operator) {
        this.topic = topic;
        this.infrastructure = infrastructure;
        this.principal = principal;
        this.operator = operator;
    }

    /** Starts the shared infrastructure if needed and creates every topic of the contract. */
    public static TopicRecords of(Topic topic) {
        Infrastructure infrastructure = Infrastructure.get();
        infrastructure.createTopics();
        return new TopicRecords(topic, infrastructure, Principal.ADMIN,
                topic == Topic.OPERATOR_COMMANDS ? OperatorCertificates.get().operator() : null);
    }

    /** The same topic, read and written as {@code principal}: what its ACLs refuse fails with the broker's refusal. */
    public TopicRecords as(Principal principal) {
        return new TopicRecords(topic, infrastructure, principal, operator);
    }

    /** The same topic, what {@link #send} writes signed by {@code operator}, e.g. one of an authority not trusted. */
    public TopicRecords signedBy(OperatorKey operator) {
        return new TopicRecords(topic, infrastructure, principal, operator);
    }

    /** The same topic, what {@link #send} writes not signed: what an orchestrator that checks signatures refuses. */
    public TopicRecords unsigned() {
        return new TopicRecords(topic, infrastructure, principal, null);
    }

    /**
     * Reads from the beginning until {@code until} holds for everything read so far, and returns it.
     * Records that do not decode (poison) are skipped. Fails with what it saw when the timeout passes.
     */
    public List<ConsumerRecord<String, SpecificRecord>> await(Predicate<List<ConsumerRecord<String, SpecificRecord>>> until, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, SpecificRecord>> seen = new ArrayList<>();
        int skipped = 0;
        try (KafkaConsumer<String, SpecificRecord> consumer = consumer()) {
            assignAll(consumer, deadline);
            while (true) {
                if (until.test(List.copyOf(seen))) {
                    return List.copyOf(seen);
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(timedOut(timeout, seen, skipped));
                }
                try {
                    consumer.poll(POLL).forEach(seen::add);
                } catch (RecordDeserializationException poison) {
                    consumer.seek(poison.topicPartition(), poison.offset() + 1);
                    skipped++;
                }
            }
        }
    }

    /**
     * Everything committed to the topic so far: reads from the beginning up to the end offsets the broker gives at
     * the call (under read_committed, the last stable offsets). Records that do not decode are skipped.
     */
    public List<ConsumerRecord<String, SpecificRecord>> sofar(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, SpecificRecord>> seen = new ArrayList<>();
        try (KafkaConsumer<String, SpecificRecord> consumer = consumer()) {
            assignAll(consumer, deadline);
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic.topicName + " to its end within " + timeout);
                }
                try {
                    consumer.poll(POLL).forEach(seen::add);
                } catch (RecordDeserializationException poison) {
                    consumer.seek(poison.topicPartition(), poison.offset() + 1);
                }
            }
        }
        return List.copyOf(seen);
    }

    /**
     * Waits until the orchestrator's latest state of the environment is one it watches: its registration checked
     * against the cloud and taken in. Fails with what it saw (a refused registration stays unwatched).
     */
    public static void awaitWatched(String environmentId, Duration timeout) {
        of(Topic.ENVIRONMENT_STATE).await(records -> {
            List<SpecificRecord> states = valuesFor(records, environmentId);
            return !states.isEmpty() && states.get(states.size() - 1) instanceof EnvironmentState latest && Watching.watched(latest);
        }, timeout);
    }

    /** The values of the records keyed {@code key} (an environment id), in the order read. */
    public static List<SpecificRecord> valuesFor(List<ConsumerRecord<String, SpecificRecord>> records, String key) {
        return records.stream().filter(r -> key.equals(r.key())).map(ConsumerRecord::value).toList();
    }

    /**
     * Writes one record (Avro, Confluent wire format), signed if this writes signed, and waits for the broker's
     * acknowledgement.
     */
    public void send(String key, SpecificRecord value) {
        if (operator != null) {
            sendRaw(signed(key, value));
            return;
        }
        checkCarries(value);
        infrastructure.send(principal, topic.topicName, key, value);
    }

    /** The record {@link #send} would write signed, as bytes: e.g. to change after signing. */
    public ProducerRecord<byte[], byte[]> signed(String key, SpecificRecord value) {
        if (operator == null) {
            throw new IllegalStateException("nobody to sign with: unsigned() writes unsigned records");
        }
        checkCarries(value);
        return SignedOperatorCommands.signed(topic.topicName, key, value, infrastructure.serializer(), operator);
    }

    /** Writes a record of bytes as it is, headers included, and waits for the broker's acknowledgement. */
    public void sendRaw(ProducerRecord<byte[], byte[]> record) {
        infrastructure.sendRaw(principal, record);
    }

    private void checkCarries(SpecificRecord value) {
        if (!topic.carries(value.getClass())) {
            throw new IllegalArgumentException(topic + " does not carry " + value.getClass().getSimpleName() + ": see Topic.valueTypes");
        }
    }

    /** Writes raw bytes, e.g. poison that is not in the wire format. */
    public void sendRaw(byte[] key, byte[] value) {
        infrastructure.sendRaw(principal, topic.topicName, key, value);
    }

    public Topic topic() {
        return topic;
    }

    private KafkaConsumer<String, SpecificRecord> consumer() {
        Map<String, Object> config = new HashMap<>(infrastructure.kafkaConfig(principal));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // read_uncommitted would show records of transactions that later abort
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        AvroDeserializer values = new AvroDeserializer();
        values.configure(config, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), values);
    }

    private void assignAll(KafkaConsumer<String, SpecificRecord> consumer, long deadline) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic.topicName, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        if (partitions.isEmpty()) {
            throw new AssertionError("topic " + topic.topicName + " does not exist");
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
    }

    private String timedOut(Duration timeout, List<ConsumerRecord<String, SpecificRecord>> seen, int skipped) {
        String shown = seen.stream().limit(MAX_SHOWN)
                .map(r -> "  " + r.partition() + "@" + r.offset() + " key=" + r.key() + " " + r.value())
                .collect(Collectors.joining("\n"));
        return "the expected records did not arrive on " + topic.topicName + " within " + timeout + "; saw "
                + seen.size() + " record(s)" + (skipped > 0 ? " and skipped " + skipped + " undecodable one(s)" : "")
                + (seen.size() > MAX_SHOWN ? ", the first " + MAX_SHOWN + ":" : ":") + "\n" + shown;
    }
}
