package io.understudy.health.startup;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.understudy.health.aggregation.QuorumTopology;
import io.understudy.health.quorum.Quorum;
import io.understudy.schemas.registry.SchemaRegistryClient;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Runs this replica's share of the quorum, and tells who the live replicas are (the quorum's members) and their zones. */
final class QuorumHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QuorumHost.class);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final KafkaStreamsMetrics metrics;
    private final QuorumSettings settings;

    QuorumHost(QuorumSettings settings, SchemaRegistryClient registry, Quorum quorum, MeterRegistry meters) {
        this.settings = settings;
        this.streams = new KafkaStreams(QuorumTopology.build(registry, quorum, settings.replicaId()), settings.properties());
        // a thread dies on what is not a record's fault (the registry unreachable): replace it and read the record again
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("quorum thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        this.metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(meters);
    }

    void start() {
        streams.start();
        LOG.info("quorum started as {} (state in {})", settings.applicationId(), settings.stateDir());
    }

    /** Replica ids of the quorum's members that hold a share of it; empty until the first assignment. */
    Set<String> liveReplicas() {
        return members().keySet();
    }

    /** The quorum's members that hold a share of it, by replica id, with their zones (empty: unknown). */
    Map<String, String> members() {
        try {
            return streams.metadataForAllStreamsClients().stream()
                    .map(StreamsMetadata::host)
                    .map(host -> host.split(QuorumSettings.ZONE_SEPARATOR, 2))
                    .collect(Collectors.toUnmodifiableMap(parts -> parts[0], parts -> parts.length > 1 ? parts[1] : "",
                            (a, b) -> a.isEmpty() ? b : a));
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        streams.close(CLOSE_GRACE);
        metrics.close();
    }
}
