package io.understudy.health.startup;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.understudy.health.aggregation.QuorumTopology;
import io.understudy.health.detection.FailureDetector;
import io.understudy.health.detection.Observation;
import io.understudy.health.detection.ProbeResult;
import io.understudy.health.detection.SelfSuspicion;
import io.understudy.health.environments.EnvironmentStateConsumer;
import io.understudy.health.events.ObservationPublisher;
import io.understudy.health.probe.EveryEndpoint;
import io.understudy.health.probe.HttpProber;
import io.understudy.health.probe.ProbeRounds;
import io.understudy.health.probe.Prober;
import io.understudy.health.quorum.Quorum;
import io.understudy.health.watch.HealthWatch;
import io.understudy.schemas.registry.HttpSchemaRegistryClient;
import io.understudy.schemas.serde.AvroDeserializer;
import io.understudy.schemas.serde.AvroSerializer;
import io.understudy.schemas.topic.Topic;
import io.understudy.schemas.topic.TopicCreator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts this replica as an observer (probing its share of the instances and publishing its verdicts) and as a
 * member of the quorum that turns everyone's verdicts into health events; stops both, cleanly, with the service.
 * Says at start, and whenever the quorum is down to one live replica, when one replica's view alone decides.
 */
@Context
public class HealthMonitorService {
    private static final Logger log = LoggerFactory.getLogger(HealthMonitorService.class);

    private final MonitorSettings settings;
    private final KafkaSettings kafka;
    private final QuorumSettings quorumSettings;
    private final FailureDetector detector;
    private final SelfSuspicion selfSuspicion;
    private final Quorum quorum;
    private final LiveReplicas liveReplicas;
    private final MeterRegistry meters;
    private final Clock clock;

    private ExecutorService httpExecutor;
    private HealthWatch watch;
    private ScheduledExecutorService reporter;
    private ObservationPublisher publisher;
    private EnvironmentStateConsumer consumer;
    private ProbeRounds rounds;
    private QuorumHost quorumHost;

    public HealthMonitorService(MonitorSettings settings, KafkaSettings kafka, QuorumSettings quorumSettings,
                                FailureDetector detector, SelfSuspicion selfSuspicion, Quorum quorum,
                                MeterRegistry meters, Clock clock) {
        this.settings = settings;
        this.kafka = kafka;
        this.quorumSettings = quorumSettings;
        this.detector = detector;
        this.selfSuspicion = selfSuspicion;
        this.quorum = quorum;
        this.liveReplicas = new LiveReplicas(quorum.minAgree());
        this.meters = meters;
        this.clock = clock;
    }

    @PostConstruct
    void start() {
        createTopics();
        quorumHost = new QuorumHost(quorumSettings, new HttpSchemaRegistryClient(kafka.registryUrl()), quorum, meters);
        quorumHost.start();
        publisher = new ObservationPublisher(producer(), settings.replicaId(), settings.zone(), changeCounter());
        watch = new HealthWatch(detector, selfSuspicion, publisher::released, publisher::selfSuspicion);
        registerGauges();
        consumer = new EnvironmentStateConsumer(consumer(), deserializer(), watch, clock, settings.replicaId(),
                quorumHost::liveReplicas, settings.observers());
        rounds = new ProbeRounds(watch, prober(), settings.interval(), settings.maxConcurrentProbes(),
                publisher::changed, probeCounter());
        reporter = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "health-observation-reports"));
        reporter.scheduleAtFixedRate(this::report, settings.reportInterval().toMillis(),
                settings.reportInterval().toMillis(), TimeUnit.MILLISECONDS);
        consumer.start();
        rounds.start();
        log.info("health monitor {} (zone {}) probing http://<instance>:{}{}{} every {} (timeout {}), {} observers per instance, {} must agree",
                settings.replicaId(), settings.zone().isEmpty() ? "unknown" : settings.zone(), settings.port(), settings.path(),
                settings.proxyPort() == 0 ? "" : " and :" + settings.proxyPort() + settings.proxyPath(),
                settings.interval(), settings.timeout(), settings.observers(), settings.agree());
        if (quorum.minAgree() == 1) {
            log.warn("understudy.health.quorum.min-agree is 1: a single replica can declare failures on its view alone;"
                    + " production should run at least 2 replicas in at least 2 zones (understudy.health.zone) with min-agree 2");
        }
    }

    @PreDestroy
    void stop() {
        Stream.of(reporter, httpExecutor).filter(e -> e != null).forEach(ExecutorService::shutdownNow);
        if (rounds != null) {
            rounds.close();
        }
        if (consumer != null) {
            consumer.close();
        }
        if (publisher != null) {
            publisher.close();
        }
        if (quorumHost != null) {
            quorumHost.close();
        }
    }

    public boolean consuming() {
        return consumer != null && consumer.isRunning();
    }

    /** The partitions of the environment state this replica observes now. */
    public Set<Integer> observedPartitions() {
        return consumer == null ? Set.of() : consumer.observedPartitions();
    }

    public KafkaStreams.State quorumState() {
        return quorumHost == null ? KafkaStreams.State.CREATED : quorumHost.state();
    }

    public String zone() {
        return settings.zone();
    }

    /** The quorum's live replicas as last seen: how many, and in which zones. */
    public String liveReplicas() {
        return liveReplicas.count() + " in zones " + LiveReplicas.describe(liveReplicas.zones());
    }

    /** Whether this observer suspects itself, and what it sees of its instances. */
    public String selfSuspicion() {
        return watch == null ? "not watching yet" : (watch.suspectsItself() ? "suspects itself: " : "trusts its view: ") + watch.sight();
    }

    private void report() {
        try {
            watch.observeAll(clock.instant()).forEach(publisher::report);
            liveReplicas.update(quorumHost.members());
        } catch (RuntimeException e) {
            // an exception would cancel the periodic task: reporting must survive anything one round throws
            log.error("observation report failed", e);
        }
    }

    private void registerGauges() {
        Gauge.builder("understudy.health.watched.instances", watch, w -> w.targets().size())
                .description("App instances this replica probes").register(meters);
        Gauge.builder("understudy.health.self.suspicion", watch, w -> w.suspectsItself() ? 1 : 0)
                .description("1 while this replica suspects itself (it lost sight of most of what it watches) and abstains")
                .register(meters);
        Gauge.builder("understudy.health.quorum.replicas", liveReplicas, LiveReplicas::count)
                .description("Live replicas of the quorum, as this replica last saw them").register(meters);
        Gauge.builder("understudy.health.quorum.zones", liveReplicas, r -> r.zones().size())
                .description("Distinct zones the quorum's live replicas run in (those of unknown zone count none)")
                .register(meters);
    }

    private void createTopics() {
        try (Admin admin = Admin.create(kafka.access().clientConfig())) {
            new TopicCreator(admin, kafka.partitions(), kafka.replicationFactor())
                    .ensure(Stream.concat(Stream.of(Topic.ENVIRONMENT_STATE), QuorumTopology.topics().stream()).toList());
        }
    }

    private KafkaProducer<String, SpecificRecord> producer() {
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

    /** Assigned, not subscribed: no group, so no offsets and no rebalances of its own. */
    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> config = kafka.access().clientConfig();
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "health-monitor-" + settings.replicaId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // the environment state is written in the orchestrator's transactions: aborted ones are not state
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private AvroDeserializer deserializer() {
        AvroDeserializer values = new AvroDeserializer();
        values.configure(Map.of(AvroSerializer.REGISTRY_URL, kafka.registryUrl()), false);
        return values;
    }

    private Prober prober() {
        httpExecutor = Executors.newFixedThreadPool(2, runnable -> daemon(runnable, "health-probe-http"));
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(httpExecutor)
                .build();
        Map<String, Prober> endpoints = new LinkedHashMap<>();
        endpoints.put("app", new HttpProber(client, settings.port(), settings.path(), settings.timeout(), clock));
        if (settings.proxyPort() != 0) {
            endpoints.put("haproxy", new HttpProber(client, settings.proxyPort(), settings.proxyPath(), settings.timeout(), clock));
        }
        return new EveryEndpoint(endpoints);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    private java.util.function.Consumer<ProbeResult> probeCounter() {
        Counter healthy = Counter.builder("understudy.health.probes").tag("outcome", "healthy")
                .description("Probes of app instances, by outcome").register(meters);
        Counter failed = Counter.builder("understudy.health.probes").tag("outcome", "failed")
                .description("Probes of app instances, by outcome").register(meters);
        return result -> (result.healthy() ? healthy : failed).increment();
    }

    private java.util.function.Consumer<Observation> changeCounter() {
        Map<Observation.Verdict, Counter> counters = new EnumMap<>(Observation.Verdict.class);
        for (Observation.Verdict verdict : Observation.Verdict.values()) {
            counters.put(verdict, Counter.builder("understudy.health.verdicts").tag("verdict", verdict.name().toLowerCase())
                    .description("Changes of this observer's verdicts acknowledged by Kafka, by new verdict").register(meters));
        }
        return observation -> counters.get(observation.verdict()).increment();
    }
}
