package io.understudy.health.impending;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.understudy.health.environments.EnvironmentStateReader;
import io.understudy.kafka.KafkaAccess;
import io.understudy.schemas.serde.AvroSerializer;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * In AWS mode, asks EC2 every {@code understudy.impending.interval} whether a watched instance has a scheduled
 * event or an impaired status check, and publishes ImpendingFailure to the health topic, so the orchestrator can
 * run a planned takeover (a graceful stop) before EC2 pulls the instance away. Off unless
 * {@code understudy.impending.enabled} is true: the sandbox and moto have no scheduled events.
 */
@Context
@Requires(property = "understudy.impending.enabled", value = "true")
public class ImpendingFailureWatch {
    private final ImpendingFailureRounds rounds;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "impending-failure-watch");
        thread.setDaemon(true);
        return thread;
    });

    public ImpendingFailureWatch(InstanceStatuses statuses, KafkaAccess kafka,
                                 @Value("${understudy.schema-registry.url}") String registryUrl,
                                 @Value("${understudy.impending.interval}") Duration interval) {
        this.rounds = new ImpendingFailureRounds(watched(kafka, registryUrl), statuses,
                publisher(kafka, registryUrl), Clock.systemUTC());
        timer.scheduleWithFixedDelay(rounds::round, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    static WatchedInstances watched(KafkaAccess kafka, String registryUrl) {
        return WatchedInstances.reading(EnvironmentStateReader.consumer(kafka, "health-monitor-impending"),
                EnvironmentStateReader.values(registryUrl));
    }

    static ImpendingFailurePublisher publisher(KafkaAccess kafka, String registryUrl) {
        AvroSerializer values = new AvroSerializer();
        values.configure(Map.of(AvroSerializer.REGISTRY_URL, registryUrl), false);
        Map<String, Object> config = kafka.clientConfig();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "health-monitor-impending");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return new ImpendingFailurePublisher(new KafkaProducer<>(config, new StringSerializer(), values));
    }

    @PreDestroy
    void stop() throws InterruptedException {
        timer.shutdown();
        timer.awaitTermination(10, TimeUnit.SECONDS);
        rounds.close();
    }
}
