package io.understudy.takeover.streams;

import io.understudy.http.CredentialedUrl;
import io.understudy.kafka.KafkaAccess;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The orchestrator's Kafka Streams configuration. Exactly-once, because a command sent twice or a state update
 * lost would break the saga; and tuned for latency, because a takeover's critical path crosses the orchestrator
 * once per step: with Streams' defaults every crossing costs about 100 ms (producer linger 100 ms, and under
 * exactly-once the commit, which makes the output visible, waits for a {@code poll.ms} of 100 ms).
 */
public record StreamsSettings(String applicationId, KafkaAccess kafka, String registryUrl, String service,
                              int replicationFactor, Path stateDir, Duration commitInterval, Duration poll,
                              Duration producerLinger) {

    /** How to reach Kafka (brokers, TLS, SASL) first, for all of Streams' clients; then what the saga needs. */
    public Properties properties() {
        Properties properties = new Properties();
        properties.putAll(kafka.clientConfig());
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        properties.put(StreamsConfig.POLL_MS_CONFIG, poll.toMillis());
        properties.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), (int) producerLinger.toMillis());
        return properties;
    }

    /** Without the registry's password, which its URL may carry as user info. */
    @Override
    public String toString() {
        return "StreamsSettings[applicationId=" + applicationId + ", kafka=" + kafka.bootstrapServers() + ", registry="
                + CredentialedUrl.redact(registryUrl) + ", service=" + service + ", stateDir=" + stateDir + "]";
    }
}
