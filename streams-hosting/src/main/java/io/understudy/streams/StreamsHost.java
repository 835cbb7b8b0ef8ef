package io.understudy.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;

/**
 * Runs one Kafka Streams application for a service: its metrics in the service's registry, a thread that fails
 * replaced rather than lost, and a close that lets the running transaction commit.
 */
public final class StreamsHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsHost.class);
    /** Long enough for the open transaction to commit and the state to be flushed, so a restart replays nothing. */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(30);

    private final KafkaStreams streams;
    private final KafkaStreamsMetrics metrics;

    /** @param name what the application is, for the logs */
    public StreamsHost(String name, Topology topology, Properties properties, MeterRegistry meters) {
        this.streams = new KafkaStreams(topology, properties);
        // a thread dies on what is not a record's fault (the registry unreachable): replace it and read the record again
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("{} thread failed; replacing it", name, e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        this.metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(meters);
    }

    public void start() {
        streams.start();
    }

    /** Running or rebalancing while it works; for the service's health endpoint. */
    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Every instance of the application that holds a share of it, as Streams last learned; empty when it cannot tell. */
    public Collection<StreamsMetadata> members() {
        try {
            return streams.metadataForAllStreamsClients();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    @Override
    public void close() {
        streams.close(CLOSE_GRACE);
        metrics.close();
    }
}
