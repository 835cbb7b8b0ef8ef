package io.understudy.operator.takeover;

import io.understudy.operator.connection.Connection;
import io.understudy.schemas.topic.Topic;
import io.understudy.signatures.OperatorKey;
import io.understudy.signatures.SignedOperatorCommands;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.time.Duration;
import java.util.Map;

/**
 * Publishes an operator's command, keyed by environment and signed with the operator's key, and returns once Kafka
 * has it on every replica.
 */
public final class OperatorCommands {
    private OperatorCommands() {
    }

    public static void send(Connection connection, OperatorKey operator, String environment, SpecificRecord command) {
        Map<String, Object> config = connection.clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        SignedOperatorCommands.send(config, Topic.OPERATOR_COMMANDS.topicName, environment, command, operator,
                Duration.ofSeconds(30));
    }
}
