package io.understudy.devstack;

import io.understudy.kafka.KafkaSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StackAddressesTest {
    private static final String WRITER = "http://registry-writer:w-secret@127.0.0.1:8081";
    private static final String READER = "http://registry-reader:r-secret@127.0.0.1:8081";

    @Test
    void theFileKeepsBothRegistryUrlsWithTheirCredentials() {
        StackAddresses addresses = new StackAddresses(KafkaSettings.of(Map.of(KafkaSettings.BOOTSTRAP_SERVERS, "127.0.0.1:9092")),
                WRITER, READER, Optional.of(Path.of("/tmp/clients")), Optional.empty());

        var properties = addresses.toProperties();

        assertThat(properties.getProperty("schema.registry.url")).isEqualTo(WRITER);
        assertThat(properties.getProperty("schema.registry.reader.url")).isEqualTo(READER);
        assertThat(StackAddresses.from(properties)).contains(addresses);
    }

    @Test
    void whatIsPrintedAndLoggedShowsNoPassword() {
        StackAddresses addresses = new StackAddresses(KafkaSettings.of(Map.of(KafkaSettings.BOOTSTRAP_SERVERS, "127.0.0.1:9092")),
                WRITER, READER, Optional.empty(), Optional.empty());

        assertThat(addresses.describe()).contains("registry: http://registry-writer:***@127.0.0.1:8081")
                .contains("registry reader: http://registry-reader:***@127.0.0.1:8081")
                .doesNotContain("w-secret").doesNotContain("r-secret");
        assertThat(addresses.toString()).doesNotContain("w-secret").doesNotContain("r-secret");
    }

    @Test
    void anInsecureRegistrySaysSo() {
        StackAddresses addresses = new StackAddresses(KafkaSettings.of(Map.of(KafkaSettings.BOOTSTRAP_SERVERS, "127.0.0.1:9092")),
                "http://127.0.0.1:8081", "http://127.0.0.1:8081", Optional.empty(), Optional.empty());

        assertThat(addresses.describe()).contains("registry: http://127.0.0.1:8081").contains("anyone may register");
    }
}
