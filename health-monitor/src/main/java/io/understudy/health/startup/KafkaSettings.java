package io.understudy.health.startup;

/** Where the broker and the schema registry are, and how this service's topics are created. */
public record KafkaSettings(String bootstrapServers, String registryUrl, int partitions, short replicationFactor) {
}
