package io.understudy.operator;

import io.understudy.contract.ConfigureProxy;
import io.understudy.contract.CorroborateFailure;
import io.understudy.contract.CreateVolumeFromSnapshot;
import io.understudy.contract.EventMetadata;
import io.understudy.execution.CommandResults;
import io.understudy.execution.Outcome;
import io.understudy.schemas.serde.AvroDeserializer;
import io.understudy.schemas.serde.AvroSerializer;
import io.understudy.schemas.topic.Topic;
import io.understudy.testing.Infrastructure;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The four executing services at the protocol level, for tests of the orchestrator's log: every command on the
 * command topics is answered with a CommandResult built by command-execution's own CommandResults, carrying the
 * outputs the next steps need. A volume step of a chosen environment fails for good once per takeover, so the
 * saga compensates and tries the next candidate. EC2 is not involved: only the log is under test.
 */
final class ExecutingServices implements AutoCloseable {
    private static final List<Topic> COMMANDS = List.of(Topic.IP_COMMANDS, Topic.VOLUME_COMMANDS, Topic.PROXY_COMMANDS,
            Topic.PROVISIONER_COMMANDS);

    private final Predicate<String> ours;
    private final Predicate<String> volumeFailsOnce;
    private final Set<String> failedTakeovers = ConcurrentHashMap.newKeySet();
    private final Thread worker = new Thread(this::run, "executing-services");
    private volatile boolean running = true;

    /** Answers the commands of the environments {@code ours} accepts, from the beginning of the topics. */
    ExecutingServices(Predicate<String> ours, Predicate<String> volumeFailsOnceIn) {
        this.ours = ours;
        this.volumeFailsOnce = volumeFailsOnceIn;
        worker.start();
    }

    private void run() {
        Map<String, Object> config = new HashMap<>(Infrastructure.get().kafkaConfig());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "executing-services-" + UUID.randomUUID());
        // earliest: commands sent before the group's first assignment must be answered too
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        AvroDeserializer commands = new AvroDeserializer();
        commands.configure(config, false);
        AvroSerializer results = new AvroSerializer();
        results.configure(config, false);
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(config, new StringDeserializer(), commands);
             KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config, new StringSerializer(), results)) {
            consumer.subscribe(COMMANDS.stream().map(t -> t.topicName).toList());
            while (running) {
                for (ConsumerRecord<String, SpecificRecord> command : consumer.poll(Duration.ofMillis(100))) {
                    if (command.key() == null || !ours.test(command.key())) {
                        continue;
                    }
                    producer.send(new ProducerRecord<>(Topic.COMMAND_RESULTS.topicName, command.key(),
                            CommandResults.of(command.value(), outcome(command.value()), "executing-services", Instant.now())));
                }
                producer.flush();
            }
        }
    }

    private Outcome outcome(SpecificRecord command) {
        EventMetadata meta = CommandResults.metaOf(command);
        if (command instanceof CreateVolumeFromSnapshot && volumeFailsOnce.test(meta.getEnvironmentId())
                && failedTakeovers.add(meta.getTakeoverId())) {
            return Outcome.failedPermanently("InsufficientVolumeCapacity: no capacity in the zone");
        }
        String id = Integer.toHexString(meta.getEventId().hashCode());
        if (command instanceof CorroborateFailure) {
            return Outcome.succeeded(Map.of("verdict", "confirmed", "evidence", "connection refused"));
        }
        if (command instanceof ConfigureProxy proxy) {
            // what proxy-configurator reports so that the change can be undone
            return Outcome.succeeded(Map.of("previousServers", proxy.getInstanceId()));
        }
        return Outcome.succeeded(Map.of("snapshotId", "snap-" + id, "volumeId", "vol-" + id, "instanceId", "i-" + id,
                "privateAddress", "127.41.0." + (Math.floorMod(id.hashCode(), 250) + 2), "availabilityZone", "us-east-1a",
                "associationId", "eipassoc-" + id));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        worker.join(10_000);
    }
}
