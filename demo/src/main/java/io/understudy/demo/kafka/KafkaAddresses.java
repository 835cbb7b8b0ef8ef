package io.understudy.demo.kafka;

import io.understudy.schemas.serde.AvroSerializer;

import java.util.Map;

/** Where the dev stack's broker and schema registry listen. */
public record KafkaAddresses(String bootstrapServers, String registryUrl) {
    public Map<String, Object> clientConfig() {
        return Map.of("bootstrap.servers", bootstrapServers, AvroSerializer.REGISTRY_URL, registryUrl);
    }
}
