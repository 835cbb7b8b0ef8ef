package io.understudy.takeover.streams;

import io.understudy.http.CredentialedUrl;
import io.understudy.kafka.KafkaAccess;
import io.understudy.streams.StreamsProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The orchestrator's Kafka Streams configuration. Exactly-once, because a command sent twice or a state update
 * lost would break the saga; and tuned for latency, because a takeover's critical path crosses the orchestrator
 * once per step.
 */
public record StreamsSettings(String applicationId, KafkaAccess kafka, String registryUrl, String service,
                              int replicationFactor, Path stateDir, Duration commitInterval, Duration poll,
                              Duration producerLinger) {

    /** How to reach Kafka (brokers, TLS, SASL) first, for all of Streams' clients; then what the saga needs. */
    public Properties properties() {
        return StreamsProperties.exactlyOnce(kafka, applicationId, replicationFactor, stateDir)
                .latency(commitInterval, poll, producerLinger)
                .properties();
    }

    /** Without the registry's password, which its URL may carry as user info. */
    @Override
    public String toString() {
        return "StreamsSettings[applicationId=" + applicationId + ", kafka=" + kafka.bootstrapServers() + ", registry="
                + CredentialedUrl.redact(registryUrl) + ", service=" + service + ", stateDir=" + stateDir + "]";
    }
}
