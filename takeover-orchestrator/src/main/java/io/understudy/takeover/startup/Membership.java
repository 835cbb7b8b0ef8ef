package io.understudy.takeover.startup;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Properties;

/**
 * Static group membership, when {@code instanceId} is set: a replica restarted after a crash takes its partitions
 * back at once instead of waiting for the group to notice, by session timeout, that its former self is gone.
 * Each replica needs its own id.
 */
record Membership(String instanceId) {

    Properties applyTo(Properties properties) {
        if (instanceId != null && !instanceId.isBlank()) {
            properties.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId);
        }
        return properties;
    }
}
