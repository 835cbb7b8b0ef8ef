package io.understudy.health.startup;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.understudy.health.detection.DetectorSettings;
import io.understudy.health.detection.FailureDetector;
import io.understudy.health.detection.PhiAccrualDetector;
import io.understudy.health.detection.SelfSuspicion;
import io.understudy.health.quorum.Quorum;
import io.understudy.kafka.KafkaAccess;
import io.understudy.streams.StreamsProperties;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Settings, the failure detector, the observer's self-suspicion and the quorum; the detector is a bean so that another
 * rule can replace it.
 */
@Factory
public class MonitorFactory {

    @Singleton
    MonitorSettings monitorSettings(
            @Value("${understudy.health.port}") int port,
            @Value("${understudy.health.path}") String path,
            @Value("${understudy.health.proxy-port}") int proxyPort,
            @Value("${understudy.health.proxy-path}") String proxyPath,
            @Value("${understudy.health.interval}") Duration interval,
            @Value("${understudy.health.timeout}") Duration timeout,
            @Value("${understudy.health.max-concurrent-probes}") int maxConcurrentProbes,
            @Value("${understudy.health.replica-id}") String replicaId,
            @Value("${understudy.health.zone}") String zone,
            @Value("${understudy.health.quorum.observers}") int observers,
            @Value("${understudy.health.quorum.agree}") int agree,
            @Value("${understudy.health.quorum.report-interval}") Duration reportInterval,
            @Value("${understudy.health.quorum.observer-timeout}") Duration observerTimeout) {
        return new MonitorSettings(port, path, proxyPort, proxyPath, interval, timeout, maxConcurrentProbes,
                replicaId.isBlank() ? defaultReplicaId() : replicaId, zone.strip(), observers, agree, reportInterval,
                observerTimeout);
    }

    @Singleton
    DetectorSettings detectorSettings(
            MonitorSettings monitor,
            @Value("${understudy.health.phi.threshold}") double threshold,
            @Value("${understudy.health.phi.min-std-dev}") Duration minStdDev,
            @Value("${understudy.health.phi.acceptable-pause}") Duration acceptablePause,
            @Value("${understudy.health.phi.window}") int window,
            @Value("${understudy.health.boot-grace}") Duration bootGrace,
            @Value("${understudy.health.stable-period}") Duration stablePeriod,
            @Value("${understudy.health.flap.window}") Duration flapWindow,
            @Value("${understudy.health.flap.episodes}") int flapEpisodes) {
        return new DetectorSettings(monitor.interval(), threshold, minStdDev, acceptablePause, window, bootGrace,
                stablePeriod, flapWindow, flapEpisodes);
    }

    @Singleton
    KafkaSettings kafkaSettings(
            KafkaAccess access,
            @Value("${understudy.schema-registry.url}") String registryUrl,
            @Value("${understudy.kafka.partitions}") int partitions,
            @Value("${understudy.kafka.replication-factor}") short replicationFactor) {
        return new KafkaSettings(access, registryUrl, partitions, replicationFactor);
    }

    /** The quorum's Streams settings have their defaults in {@code application.yml} alone. */
    @Singleton
    QuorumSettings quorumSettings(
            MonitorSettings monitor, KafkaSettings kafka,
            @Value("${understudy.health.quorum.application-id}") String applicationId,
            @Value("${understudy.health.quorum.state-dir}") String stateDir,
            @Value("${understudy.health.quorum.commit-interval}") Duration commitInterval,
            @Value("${understudy.health.quorum.poll}") Duration poll,
            @Value("${understudy.health.quorum.session-timeout}") Duration sessionTimeout) {
        Path state = stateDir.isBlank() ? StreamsProperties.defaultStateDir(applicationId).resolve(monitor.replicaId())
                : Path.of(stateDir);
        return new QuorumSettings(applicationId, kafka.access(), monitor.replicaId(), monitor.zone(),
                kafka.replicationFactor(), state, commitInterval, poll, sessionTimeout);
    }

    @Singleton
    FailureDetector failureDetector(DetectorSettings settings) {
        return new PhiAccrualDetector(settings);
    }

    /**
     * Settles for a probe timeout and two rounds: by then every probe sent during a cut has come back, and each
     * instance has been probed again since.
     */
    @Singleton
    SelfSuspicion selfSuspicion(
            MonitorSettings monitor, DetectorSettings detector,
            @Value("${understudy.health.self-suspicion.fraction}") double fraction,
            @Value("${understudy.health.self-suspicion.min-watched}") int minWatched) {
        return new SelfSuspicion(fraction, minWatched, monitor.timeout().plus(monitor.interval().multipliedBy(2)),
                detector.bootGrace());
    }

    @Singleton
    Quorum quorum(MonitorSettings settings, @Value("${understudy.health.quorum.min-agree}") int minAgree,
                  @Value("${understudy.health.quorum.reannounce-interval}") Duration reannounceInterval) {
        return new Quorum(settings.agree(), minAgree, settings.observerTimeout(), reannounceInterval);
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Host name and process id: unique per replica, also when several run on one machine. */
    private static String defaultReplicaId() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "unknown-host";
            }
        }
        return host.replaceAll("[^0-9A-Za-z._-]", "-") + "-" + ProcessHandle.current().pid();
    }
}
