package io.understudy.health.startup;

import io.micrometer.core.instrument.MeterRegistry;
import io.understudy.health.aggregation.QuorumTopology;
import io.understudy.health.quorum.Quorum;
import io.understudy.schemas.registry.SchemaRegistryClient;
import io.understudy.streams.StreamsHost;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Runs this replica's share of the quorum, and tells who the live replicas are (the quorum's members) and their zones. */
final class QuorumHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QuorumHost.class);

    private final StreamsHost host;
    private final QuorumSettings settings;

    QuorumHost(QuorumSettings settings, SchemaRegistryClient registry, Quorum quorum, MeterRegistry meters) {
        this.settings = settings;
        this.host = new StreamsHost("quorum", QuorumTopology.build(registry, quorum, settings.replicaId()),
                settings.properties(), meters);
    }

    void start() {
        host.start();
        LOG.info("quorum started as {} (state in {})", settings.applicationId(), settings.stateDir());
    }

    /** Replica ids of the quorum's members that hold a share of it; empty until the first assignment. */
    Set<String> liveReplicas() {
        return members().keySet();
    }

    /** The quorum's members that hold a share of it, by replica id, with their zones (empty: unknown). */
    Map<String, String> members() {
        return host.members().stream()
                .map(StreamsMetadata::host)
                .map(host -> host.split(QuorumSettings.ZONE_SEPARATOR, 2))
                .collect(Collectors.toUnmodifiableMap(parts -> parts[0], parts -> parts.length > 1 ? parts[1] : "",
                        (a, b) -> a.isEmpty() ? b : a));
    }

    KafkaStreams.State state() {
        return host.state();
    }

    @Override
    public void close() {
        host.close();
    }
}
