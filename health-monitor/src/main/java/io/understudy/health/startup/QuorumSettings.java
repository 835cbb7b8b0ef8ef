package io.understudy.health.startup;

import io.understudy.kafka.KafkaAccess;
import io.understudy.streams.StreamsProperties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The quorum's Kafka Streams configuration: one application id for all replicas, exactly-once, and tuned for
 * latency, since it sits on the detection path (Streams' defaults add about 100 ms: producer linger and a
 * {@code poll.ms} the exactly-once commit waits for). {@code application.server} names the replica and its zone,
 * {@code <replica id>[%<zone>]:0} ('%' as in an IPv6 scope, the one separator Kafka accepts there that neither may
 * hold), which is how replicas learn of each other to split the probing and where they run; a short session timeout
 * lets a crashed replica's share move soon.
 * Start-up of a quorum without committed offsets reads from the end of the observations (see below).
 */
record QuorumSettings(String applicationId, KafkaAccess kafka, String replicaId, String zone, int replicationFactor,
                      Path stateDir, Duration commitInterval, Duration poll, Duration sessionTimeout) {
    static final String ZONE_SEPARATOR = "%";

    /** How to reach Kafka (brokers, TLS, SASL) first, for all of Streams' clients; then what the quorum needs. */
    Properties properties() {
        return StreamsProperties.exactlyOnce(kafka, applicationId, replicationFactor, stateDir)
                .latency(commitInterval, poll, Duration.ZERO)
                .with(StreamsConfig.CLIENT_ID_CONFIG, applicationId + "-" + replicaId)
                .with(StreamsConfig.APPLICATION_SERVER_CONFIG, replicaId + (zone.isEmpty() ? "" : ZONE_SEPARATOR + zone) + ":0")
                // a new quorum starts at the end: observers repeat their verdicts every report interval, whereas replaying
                // days of old observations would announce long-settled failures again
                .mainConsumer(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest")
                .mainConsumer(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis())
                .mainConsumer(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, sessionTimeout.toMillis() / 4))
                .properties();
    }
}
