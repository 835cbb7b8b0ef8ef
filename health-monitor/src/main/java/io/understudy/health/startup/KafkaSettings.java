package io.understudy.health.startup;

import io.understudy.kafka.KafkaAccess;

/** How to reach the broker, where the schema registry is, and how this service's topics are created. */
public record KafkaSettings(KafkaAccess access, String registryUrl, int partitions, short replicationFactor) {
}
