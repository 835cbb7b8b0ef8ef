package io.understudy.schemas.serde;

import org.apache.kafka.common.config.ConfigException;

import java.util.Map;

final class RegistryUrl {
    private RegistryUrl() {
    }

    static String from(Map<String, ?> configs) {
        Object url = configs.get(AvroSerializer.REGISTRY_URL);
        if (url == null || url.toString().isBlank()) {
            throw new ConfigException(AvroSerializer.REGISTRY_URL + " is not set: the Avro serde needs a schema registry");
        }
        return url.toString().split(",")[0].trim();
    }
}
