package io.understudy.benchmarks.harness;

import io.understudy.benchmarks.cloud.InstantCloud;
import io.understudy.schemas.topic.Topic;
import io.understudy.schemas.serde.AvroSerializer;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.TopicRecords;
import io.understudy.testing.services.ServiceProcess;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every benchmark on the broker stands on: the suite's secured KRaft broker and registry, every topic, the
 * instant cloud, a reader of what the orchestrator publishes, and the real orchestrator's replicas as processes.
 */
public final class Harness implements AutoCloseable {
    private static final Duration REGISTRATION = Duration.ofMinutes(5);

    private final Infrastructure infrastructure;
    private final Observed observed;
    private final InstantCloud cloud;
    private final List<ServiceProcess> replicas = new ArrayList<>();
    private final KafkaProducer<String, SpecificRecord> monitor;
    private final PrintStream progress;

    private Harness(Infrastructure infrastructure, Observed observed, InstantCloud cloud, PrintStream progress) {
        this.infrastructure = infrastructure;
        this.observed = observed;
        this.cloud = cloud;
        this.progress = progress;
        Map<String, Object> config = new HashMap<>(admin());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        AvroSerializer values = new AvroSerializer();
        values.configure(Map.of(AvroSerializer.REGISTRY_URL, infrastructure.registryUrl()), false);
        this.monitor = new KafkaProducer<>(config, new StringSerializer(), values);
    }

    /** Starts everything, the orchestrator with {@code replicas} replicas, each healthy before this returns. */
    public static Harness start(int replicas, PrintStream progress) throws IOException {
        progress.println("starting the broker and the schema registry");
        Infrastructure infrastructure = Infrastructure.get();
        infrastructure.createTopics();
        Observed observed = Observed.start(infrastructure.kafkaConfig());
        InstantCloud cloud = InstantCloud.start(infrastructure.kafkaConfig(), observed);
        Harness harness = new Harness(infrastructure, observed, cloud, progress);
        try {
            progress.println("starting the takeover orchestrator: " + replicas + (replicas == 1 ? " replica" : " replicas"));
            Path workDir = Infrastructure.workDir("benchmark");
            for (int replica = 1; replica <= replicas; replica++) {
                harness.replicas.add(Orchestrator.start(infrastructure, workDir, replica));
            }
            return harness;
        } catch (IOException | RuntimeException e) {
            harness.close();
            throw e;
        }
    }

    /** The administrator's client settings, registry included. */
    public Map<String, Object> admin() {
        return infrastructure.kafkaConfig();
    }

    public Observed observed() {
        return observed;
    }

    /** Registers environments {@code from} (inclusive) to {@code to}, signed as the operator, until all are watched. */
    public void register(int from, int to) throws InterruptedException {
        progress.println("registering " + (to - from) + " environments");
        TopicRecords operatorCommands = TopicRecords.of(Topic.OPERATOR_COMMANDS);
        for (int n = from; n < to; n++) {
            String id = Fleet.environmentId(n);
            operatorCommands.send(id, Fleet.registration(id));
        }
        long deadline = System.nanoTime() + REGISTRATION.toNanos();
        while (observed.watchedCount() < to) {
            check();
            if (!observed.refused().isEmpty()) {
                throw new IllegalStateException("registrations refused: " + observed.refused());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + observed.watchedCount() + " of " + to
                        + " environments watched after " + REGISTRATION);
            }
            Thread.sleep(50); // polling a counter the reader thread raises; the deadline bounds it
        }
    }

    /** Declares the master of environment {@code n} failed, as the health monitor does; returns its timeline. */
    public Timeline declareFailed(int n) {
        String id = Fleet.environmentId(n);
        Timeline timeline = observed.declare(id, System.nanoTime());
        monitor.send(new ProducerRecord<>(Topic.HEALTH_EVENTS.topicName, id, Fleet.masterFailed(id)));
        return timeline;
    }

    /** Fails with what stopped the instant cloud or the reader, if anything did. */
    public void check() {
        cloud.check();
        observed.check();
    }

    @Override
    public void close() {
        replicas.forEach(ServiceProcess::close);
        monitor.close(Duration.ofSeconds(5));
        cloud.close();
        observed.close();
    }
}
