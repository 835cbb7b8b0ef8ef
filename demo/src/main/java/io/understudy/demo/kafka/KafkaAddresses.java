package io.understudy.demo.kafka;

import io.understudy.http.CredentialedUrl;
import io.understudy.kafka.ClientFiles;
import io.understudy.kafka.KafkaSettings;
import io.understudy.schemas.access.Principal;
import io.understudy.schemas.serde.AvroSerializer;

import java.util.Map;
import java.util.Optional;

/**
 * Where the dev stack's broker and schema registry listen, and how each principal reaches the broker: from the
 * client files a secured stack leaves (its {@code clients:} line), or, on an insecure one, by the address alone; and
 * the stack's operator, who signs operator commands ({@code operator-*:} lines). {@code registryUrl} carries the
 * registry writer's credentials (services and the operator register schemas), {@code registryReaderUrl} the reader's
 * (subscribers only read).
 */
public record KafkaAddresses(String bootstrapServers, String registryUrl, String registryReaderUrl, Optional<ClientFiles> clients,
                             StackOperator operator) {

    /** The {@code kafka.*} settings of {@code principal}: what the demo hands each service it starts. */
    public KafkaSettings settings(Principal principal) {
        return clients.map(files -> files.load(principal.userName))
                .orElseGet(() -> KafkaSettings.of(Map.of(KafkaSettings.BOOTSTRAP_SERVERS, bootstrapServers)));
    }

    /**
     * A client's configuration as {@code principal}, with the registry's address and credentials (a subscriber's
     * read-only): copy it and add what the client needs.
     */
    public Map<String, Object> clientConfig(Principal principal) {
        Map<String, Object> config = settings(principal).access().clientConfig();
        config.put(AvroSerializer.REGISTRY_URL, principal == Principal.SUBSCRIBER ? registryReaderUrl : registryUrl);
        return config;
    }

    @Override
    public String toString() {
        return "KafkaAddresses[" + bootstrapServers + ", registry " + CredentialedUrl.redact(registryUrl) + ", clients " + clients + "]";
    }
}
