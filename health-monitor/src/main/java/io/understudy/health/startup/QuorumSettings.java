package io.understudy.health.startup;

import io.understudy.kafka.KafkaAccess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
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
        Properties properties = new Properties();
        properties.putAll(kafka.clientConfig());
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        properties.put(StreamsConfig.CLIENT_ID_CONFIG, applicationId + "-" + replicaId);
        properties.put(StreamsConfig.APPLICATION_SERVER_CONFIG, replicaId + (zone.isEmpty() ? "" : ZONE_SEPARATOR + zone) + ":0");
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        properties.put(StreamsConfig.POLL_MS_CONFIG, poll.toMillis());
        properties.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0);
        // a new quorum starts at the end: observers repeat their verdicts every report interval, whereas replaying
        // days of old observations would announce long-settled failures again
        properties.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "latest");
        properties.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) sessionTimeout.toMillis());
        properties.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), (int) Math.max(500, sessionTimeout.toMillis() / 4));
        return properties;
    }
}
