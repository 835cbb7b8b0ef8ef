package io.understudy.health.startup;

import io.micronaut.context.annotation.Context;
import io.understudy.health.aggregation.QuorumTopology;
import io.understudy.health.detection.FailureDetector;
import io.understudy.health.detection.SelfSuspicion;
import io.understudy.health.environments.EnvironmentStateReader;
import io.understudy.health.environments.PartitionShare;
import io.understudy.health.environments.WatchFeed;
import io.understudy.health.events.ObservationPublisher;
import io.understudy.health.probe.EveryEndpoint;
import io.understudy.health.probe.HttpProber;
import io.understudy.health.probe.ProbeRounds;
import io.understudy.health.probe.Prober;
import io.understudy.health.quorum.Quorum;
import io.understudy.health.watch.HealthWatch;
import io.understudy.schemas.topic.Topic;
import io.understudy.schemas.topic.TopicCreator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts this replica as an observer (probing its share of the instances and publishing its verdicts) and as a
 * member of the quorum that turns everyone's verdicts into health events; stops both, cleanly, with the service.
 * Says at start, and whenever the quorum is down to one live replica, when one replica's view alone decides.
 * What it holds open comes from {@link ObserverFactory}, which the container closes after this has stopped.
 */
@Context
public class HealthMonitorService {
    private static final Logger log = LoggerFactory.getLogger(HealthMonitorService.class);

    private final MonitorSettings settings;
    private final KafkaSettings kafka;
    private final FailureDetector detector;
    private final SelfSuspicion selfSuspicion;
    private final Quorum quorum;
    private final QuorumHost quorumHost;
    private final KafkaProducer<String, SpecificRecord> producer;
    private final KafkaConsumer<String, byte[]> environmentStates;
    private final HttpClient probeClient;
    private final ExecutorService probeThreads;
    private final ScheduledExecutorService reporter;
    private final ObserverMeters meters;
    private final LiveReplicas liveReplicas;
    private final Clock clock;

    private HealthWatch watch;
    private ObservationPublisher publisher;
    private EnvironmentStateReader reader;
    private ProbeRounds rounds;

    public HealthMonitorService(MonitorSettings settings, KafkaSettings kafka, FailureDetector detector,
                                SelfSuspicion selfSuspicion, Quorum quorum, QuorumHost quorumHost,
                                @Named(ObserverFactory.OBSERVER) KafkaProducer<String, SpecificRecord> producer,
                                @Named(ObserverFactory.OBSERVER) KafkaConsumer<String, byte[]> environmentStates,
                                HttpClient probeClient, @Named(ObserverFactory.PROBES) ExecutorService probeThreads,
                                @Named(ObserverFactory.REPORTS) ScheduledExecutorService reporter,
                                ObserverMeters meters, Clock clock) {
        this.settings = settings;
        this.kafka = kafka;
        this.detector = detector;
        this.selfSuspicion = selfSuspicion;
        this.quorum = quorum;
        this.quorumHost = quorumHost;
        this.producer = producer;
        this.environmentStates = environmentStates;
        this.probeClient = probeClient;
        this.probeThreads = probeThreads;
        this.reporter = reporter;
        this.meters = meters;
        this.liveReplicas = new LiveReplicas(quorum.minAgree());
        this.clock = clock;
    }

    @PostConstruct
    void start() {
        createTopics();
        quorumHost.start();
        publisher = new ObservationPublisher(producer, settings.replicaId(), settings.zone(), meters::changed);
        watch = new HealthWatch(detector, selfSuspicion, publisher::released, publisher::selfSuspicion);
        meters.gauges(watch, liveReplicas);
        reader = new EnvironmentStateReader("observer", environmentStates, EnvironmentStateReader.values(kafka.registryUrl()),
                PartitionShare.observer(settings.replicaId(), quorumHost::liveReplicas, settings.observers()),
                new WatchFeed(watch, clock), clock);
        rounds = new ProbeRounds(watch, prober(), settings.interval(), settings.maxConcurrentProbes(),
                publisher::changed, meters::probed);
        reporter.scheduleAtFixedRate(this::report, settings.reportInterval().toMillis(),
                settings.reportInterval().toMillis(), TimeUnit.MILLISECONDS);
        reader.start();
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

    /** Stops the work in the order it depends on; the clients and the quorum are then closed by the container. */
    @PreDestroy
    void stop() {
        Stream.of(reporter, probeThreads).forEach(ExecutorService::shutdownNow);
        if (rounds != null) {
            rounds.close();
        }
        if (reader != null) {
            reader.close();
        }
        if (publisher != null) {
            publisher.close();
        }
    }

    public boolean consuming() {
        return reader != null && reader.isRunning();
    }

    /** The partitions of the environment state this replica observes now. */
    public Set<Integer> observedPartitions() {
        return reader == null ? Set.of() : reader.observedPartitions();
    }

    public KafkaStreams.State quorumState() {
        return quorumHost.state();
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

    private void createTopics() {
        try (Admin admin = Admin.create(kafka.access().clientConfig())) {
            new TopicCreator(admin, kafka.partitions(), kafka.replicationFactor())
                    .ensure(Stream.concat(Stream.of(Topic.ENVIRONMENT_STATE), QuorumTopology.topics().stream()).toList());
        }
    }

    private Prober prober() {
        Map<String, Prober> endpoints = new LinkedHashMap<>();
        endpoints.put("app", new HttpProber(probeClient, settings.port(), settings.path(), settings.timeout(), clock));
        if (settings.proxyPort() != 0) {
            endpoints.put("haproxy", new HttpProber(probeClient, settings.proxyPort(), settings.proxyPath(), settings.timeout(), clock));
        }
        return new EveryEndpoint(endpoints);
    }
}
