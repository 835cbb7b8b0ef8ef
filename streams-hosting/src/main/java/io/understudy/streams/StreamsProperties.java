package io.understudy.streams;

import io.understudy.kafka.KafkaAccess;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The Kafka Streams configuration every Understudy application starts from: how to reach Kafka (brokers, TLS, SASL)
 * for all of Streams' clients, exactly-once, since a record processed twice or a state update lost would break what
 * the application decides, and its own application id, replication and state directory. Each application then tunes
 * latency and adds what only it needs.
 */
public final class StreamsProperties {
    private final Properties properties = new Properties();

    private StreamsProperties(KafkaAccess kafka, String applicationId, int replicationFactor, Path stateDir) {
        properties.putAll(kafka.clientConfig());
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    }

    public static StreamsProperties exactlyOnce(KafkaAccess kafka, String applicationId, int replicationFactor, Path stateDir) {
        return new StreamsProperties(kafka, applicationId, replicationFactor, stateDir);
    }

    /** Where an application keeps its state stores when told nowhere: {@code <tmp>/understudy-<application id>}. */
    public static Path defaultStateDir(String applicationId) {
        return Path.of(System.getProperty("java.io.tmpdir"), "understudy-" + applicationId);
    }

    /**
     * Under exactly-once a result becomes visible only at commit, and with Streams' defaults each pass through the
     * application costs about 100 ms (producer linger 100 ms, and a commit that waits for a {@code poll.ms} of 100 ms).
     */
    public StreamsProperties latency(Duration commitInterval, Duration poll, Duration producerLinger) {
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        properties.put(StreamsConfig.POLL_MS_CONFIG, poll.toMillis());
        properties.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), (int) producerLinger.toMillis());
        return this;
    }

    /** A setting of the main consumer only, the one in the application's group. */
    public StreamsProperties mainConsumer(String key, Object value) {
        properties.put(StreamsConfig.mainConsumerPrefix(key), value);
        return this;
    }

    public StreamsProperties with(String key, Object value) {
        properties.put(key, value);
        return this;
    }

    /** A copy: each Streams application gets its own. */
    public Properties properties() {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }
}
