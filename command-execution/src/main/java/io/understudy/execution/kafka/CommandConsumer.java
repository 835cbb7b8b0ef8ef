package io.understudy.execution.kafka;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.understudy.contract.CommandResult;
import io.understudy.execution.CommandExecutor;
import io.understudy.execution.Verdict;
import io.understudy.schemas.topic.Topic;
import io.understudy.schemas.topic.TopicCreator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Executes the commands of this service's topic, one record at a time, on a thread of its own: decode, run,
 * publish the result (or the dead letter), wait for the broker's acknowledgement, and only then commit.
 * A crash anywhere before the commit means the command runs again, which handlers are built to absorb.
 *
 * <p>When Kafka or the registry is unavailable the same record is retried with a growing back-off; a valid
 * command is never skipped. The topics it uses are created first, so the service starts on an empty cluster.
 */
@Context
@Requires(property = "understudy.commands.topic")
public class CommandConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(CommandConsumer.class);

    private final CommandExecutor executor;
    private final KafkaCommandLedger ledger;
    private final KafkaClients clients;
    private final CommandSettings settings;
    private final int partitions;
    private final short replicationFactor;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread worker;
    private volatile boolean running = true;
    private volatile Consumer<byte[], byte[]> consumer;

    public CommandConsumer(CommandExecutor executor, KafkaCommandLedger ledger, KafkaClients clients, CommandSettings settings,
                           @Value("${understudy.kafka.partitions}") int partitions,
                           @Value("${understudy.kafka.replication-factor}") short replicationFactor) {
        this.executor = executor;
        this.ledger = ledger;
        this.clients = clients;
        this.settings = settings;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.worker = new Thread(this::run, clients.service() + "-commands");
    }

    @PostConstruct
    void start() {
        worker.start();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        stopping.countDown();
        Consumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        worker.join(settings.getShutdownGrace().toMillis());
        if (worker.isAlive()) {
            // a handler is still waiting on the cloud: abandon it uncommitted, another replica will run it again
            worker.interrupt();
            worker.join(settings.getShutdownGrace().toMillis());
        }
    }

    private Topic topic() {
        return settings.getTopic();
    }

    private void run() {
        Duration backoff = settings.getRetryBackoff();
        while (running && !ensureTopics()) {
            backoff = pause(backoff);
        }
        if (!running) {
            return;
        }
        try (Producer<byte[], SpecificRecord> producer = clients.resultProducer();
             Consumer<byte[], byte[]> commands = clients.commandConsumer()) {
            consumer = commands;
            commands.subscribe(List.of(topic().topicName));
            LOG.info("executing commands of {} as group {}", topic().topicName, clients.service());
            consume(commands, producer);
        } catch (WakeupException | InterruptException e) {
            LOG.debug("command consumer stopped", e);
        } finally {
            consumer = null;
            ledger.close();
            LOG.info("stopped executing commands of {}", topic().topicName);
        }
    }

    private void consume(Consumer<byte[], byte[]> commands, Producer<byte[], SpecificRecord> producer) {
        Duration backoff = settings.getRetryBackoff();
        while (running) {
            for (ConsumerRecord<byte[], byte[]> record : commands.poll(settings.getPollTimeout())) {
                if (process(record, commands, producer)) {
                    backoff = settings.getRetryBackoff();
                } else {
                    backoff = pause(backoff);
                }
            }
        }
    }

    /** True when the record is done with; false when it was put back to be retried. */
    private boolean process(ConsumerRecord<byte[], byte[]> record, Consumer<byte[], byte[]> commands,
                            Producer<byte[], SpecificRecord> producer) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try {
            Verdict verdict = executor.execute(record.partition(), record.offset(), record.key(), record.value());
            if (!running && verdict.isFailure()) {
                // most likely cut short by the shutdown itself: leave it uncommitted for the next owner
                return true;
            }
            publish(verdict, record.key(), producer);
            commands.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
            return true;
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        } catch (Exception e) {
            LOG.warn("cannot finish {}-{}@{}, will retry it: {}", record.topic(), record.partition(), record.offset(), e.toString());
            rewind(commands, partition, record.offset());
            return false;
        }
    }

    /**
     * A command that ran is recorded in the ledger and answered; one that ran before is answered with its recorded
     * result; a poison record is dead-lettered. All acknowledged before the offset is committed.
     */
    private void publish(Verdict verdict, byte[] originalKey, Producer<byte[], SpecificRecord> producer)
            throws InterruptedException, ExecutionException {
        if (verdict instanceof Verdict.Executed executed) {
            Future<?> entry = producer.send(ledger.entry(executed.result()));
            Future<?> answer = producer.send(result(executed.environmentId(), executed.result()));
            entry.get();
            answer.get();
            ledger.remember(executed.result());
        } else if (verdict instanceof Verdict.Replayed replayed) {
            producer.send(result(replayed.environmentId(), replayed.result())).get();
        } else {
            producer.send(new ProducerRecord<>(Topic.DEAD_LETTERS.topicName, originalKey,
                    ((Verdict.Rejected) verdict).letter())).get();
        }
    }

    private static ProducerRecord<byte[], SpecificRecord> result(String environmentId, CommandResult result) {
        return new ProducerRecord<>(Topic.COMMAND_RESULTS.topicName, environmentId.getBytes(StandardCharsets.UTF_8), result);
    }

    private static void rewind(Consumer<byte[], byte[]> commands, TopicPartition partition, long offset) {
        try {
            commands.seek(partition, offset);
        } catch (IllegalStateException notAssigned) {
            // the partition moved to another replica during a rebalance; it resumes from the committed offset
        }
    }

    private boolean ensureTopics() {
        try (Admin admin = clients.admin()) {
            new TopicCreator(admin, partitions, replicationFactor)
                    .ensure(List.of(topic(), Topic.COMMAND_RESULTS, Topic.COMMAND_LEDGER, Topic.DEAD_LETTERS));
            return true;
        } catch (RuntimeException e) {
            LOG.warn("cannot create the topics yet, will retry: {}", e.getMessage());
            return false;
        }
    }

    /** Waits the back-off (cut short by shutdown) and returns the next, longer one. */
    private Duration pause(Duration backoff) {
        try {
            stopping.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(settings.getMaxRetryBackoff()) > 0 ? settings.getMaxRetryBackoff() : doubled;
    }
}
