package io.understudy.health.startup;

import io.understudy.http.CredentialedUrl;
import io.understudy.kafka.KafkaAccess;

/** How to reach the broker, where the schema registry is, and how this service's topics are created. */
public record KafkaSettings(KafkaAccess access, String registryUrl, int partitions, short replicationFactor) {

    /** Without the registry's password, which its URL may carry as user info. */
    @Override
    public String toString() {
        return "KafkaSettings[" + access + ", registry=" + CredentialedUrl.redact(registryUrl) + ", partitions=" + partitions
                + ", replicationFactor=" + replicationFactor + "]";
    }
}
