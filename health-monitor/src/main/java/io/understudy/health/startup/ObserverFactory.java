package io.understudy.health.startup;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.understudy.health.environments.EnvironmentStateReader;
import io.understudy.health.quorum.Quorum;
import io.understudy.schemas.registry.HttpSchemaRegistryClient;
import io.understudy.schemas.serde.AvroSerializer;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * What the observer and the quorum hold open: Kafka clients, the probes' HTTP client, its threads and the quorum's
 * Streams application, each closed by the container after the service that uses it has stopped.
 */
@Factory
class ObserverFactory {
    static final String OBSERVER = "observer";
    static final String PROBES = "health-probe-http";
    static final String REPORTS = "health-observation-reports";

    @Singleton
    @Named(OBSERVER)
    @Bean(preDestroy = "close")
    KafkaProducer<String, SpecificRecord> observationProducer(KafkaSettings kafka, MonitorSettings settings) {
        AvroSerializer values = new AvroSerializer();
        values.configure(Map.of(AvroSerializer.REGISTRY_URL, kafka.registryUrl()), false);
        Map<String, Object> config = kafka.access().clientConfig();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "health-monitor-" + settings.replicaId());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return new KafkaProducer<>(config, new StringSerializer(), values);
    }

    @Singleton
    @Named(OBSERVER)
    @Bean(preDestroy = "close")
    KafkaConsumer<String, byte[]> environmentStateConsumer(KafkaSettings kafka, MonitorSettings settings) {
        return EnvironmentStateReader.consumer(kafka.access(), "health-monitor-" + settings.replicaId());
    }

    @Singleton
    @Named(PROBES)
    @Bean(preDestroy = "shutdownNow")
    ExecutorService probeThreads() {
        return Executors.newFixedThreadPool(2, runnable -> daemon(runnable, PROBES));
    }

    @Singleton
    HttpClient probeClient(MonitorSettings settings, @Named(PROBES) ExecutorService threads) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(threads)
                .build();
    }

    @Singleton
    @Named(REPORTS)
    @Bean(preDestroy = "shutdownNow")
    ScheduledExecutorService reports() {
        // a pool rather than Executors' single-thread wrapper, which the executor metrics cannot look into
        return new ScheduledThreadPoolExecutor(1, runnable -> daemon(runnable, REPORTS));
    }

    @Singleton
    @Bean(preDestroy = "close")
    QuorumHost quorumHost(QuorumSettings settings, KafkaSettings kafka, Quorum quorum, MeterRegistry meters) {
        return new QuorumHost(settings, new HttpSchemaRegistryClient(kafka.registryUrl()), quorum, meters);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
