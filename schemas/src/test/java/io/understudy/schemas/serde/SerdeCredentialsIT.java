package io.understudy.schemas.serde;

import io.understudy.broker.KafkaBroker;
import io.understudy.http.CredentialedUrl;
import io.understudy.registry.EmbeddedSchemaRegistry;
import io.understudy.schemas.registry.SchemaRegistryException;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The serde against the real registry with its default security: the writer registers, the reader reads, no one else. */
class SerdeCredentialsIT {
    private static KafkaBroker broker;
    private static EmbeddedSchemaRegistry registry;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.start(Path.of("target", "broker-" + UUID.randomUUID()));
        registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theWritersUserInfoInTheUrlRegistersAndTheReadersReads() {
        String topic = "credentials-" + UUID.randomUUID();

        byte[] bytes = serializer(Map.of(AvroSerializer.REGISTRY_URL, registry.writerUrl())).serialize(topic, Samples.instanceFailed());
        SpecificRecord back = deserializer(Map.of(AvroSerializer.REGISTRY_URL, registry.readerUrl())).deserialize(topic, bytes);

        assertThat(back).isEqualTo(Samples.instanceFailed());
    }

    @Test
    void basicAuthUserInfoWorksAsWithConfluentsSerdes() {
        String topic = "credentials-" + UUID.randomUUID();
        Map<String, Object> writer = userInfo(registry.access().writer().orElseThrow().userInfo());
        Map<String, Object> reader = userInfo(registry.access().reader().orElseThrow().userInfo());

        byte[] bytes = serializer(writer).serialize(topic, Samples.takeoverStarted());

        assertThat(deserializer(reader).deserialize(topic, bytes)).isEqualTo(Samples.takeoverStarted());
    }

    @Test
    void withoutCredentialsOrAsTheReaderNothingIsRegisteredAndTheErrorSaysWhy() {
        String topic = "credentials-" + UUID.randomUUID();
        String subject = topic + "-" + Samples.instanceFailed().getSchema().getFullName();
        String readerPassword = registry.access().reader().orElseThrow().password();

        assertThatThrownBy(() -> serializer(Map.of(AvroSerializer.REGISTRY_URL, registry.url())).serialize(topic, Samples.instanceFailed()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(40101);
                    assertThat(e.retriable()).isFalse();
                    assertThat(e.getMessage()).contains(subject).contains("credentials are missing");
                });
        assertThatThrownBy(() -> serializer(Map.of(AvroSerializer.REGISTRY_URL, registry.readerUrl())).serialize(topic, Samples.instanceFailed()))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(40301);
                    assertThat(e.retriable()).isFalse();
                    assertThat(e.getMessage()).contains(subject).contains("registry-reader").doesNotContain(readerPassword);
                });
    }

    @Test
    void readingWithoutCredentialsFailsAsConfigurationNotAsABadRecord() {
        String topic = "credentials-" + UUID.randomUUID();
        byte[] bytes = serializer(Map.of(AvroSerializer.REGISTRY_URL, registry.writerUrl())).serialize(topic, Samples.commandResult());
        String wrong = CredentialedUrl.with(registry.url(), new io.understudy.http.BasicCredentials("registry-reader", "not-it"));

        assertThatThrownBy(() -> deserializer(Map.of(AvroSerializer.REGISTRY_URL, wrong)).deserialize(topic, bytes))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.credentialsRefused()).isTrue();
                    assertThat(e.retriable()).isFalse();
                    assertThat(e.getMessage()).contains(topic).contains("registry-reader").doesNotContain("not-it");
                });
        assertThat(new TopicDecoder(deserializer(Map.of(AvroSerializer.REGISTRY_URL, wrong))))
                .as("a record is not dead-lettered for our credentials")
                .satisfies(decoder -> assertThatThrownBy(() -> decoder.decode(io.understudy.schemas.topic.Topic.COMMAND_RESULTS, bytes))
                        .isInstanceOf(SchemaRegistryException.class));
    }

    private static Map<String, Object> userInfo(String userInfo) {
        Map<String, Object> config = new HashMap<>();
        config.put(AvroSerializer.REGISTRY_URL, registry.url());
        config.put(AvroSerializer.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO");
        config.put(AvroSerializer.BASIC_AUTH_USER_INFO, userInfo);
        return config;
    }

    private static AvroSerializer serializer(Map<String, Object> config) {
        AvroSerializer serializer = new AvroSerializer();
        serializer.configure(config, false);
        return serializer;
    }

    private static AvroDeserializer deserializer(Map<String, Object> config) {
        AvroDeserializer deserializer = new AvroDeserializer();
        deserializer.configure(config, false);
        return deserializer;
    }
}
