package io.understudy.testing;

import io.understudy.contract.ConfigureProxy;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.ProxyServer;
import io.understudy.schemas.topic.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InfrastructureIT {

    @Test
    void recordsSentAreReadBackFromTheBeginningPastPoison() {
        String environment = "env-" + UUID.randomUUID();
        TopicRecords commands = TopicRecords.of(Topic.PROXY_COMMANDS);
        commands.sendRaw(environment.getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8));
        commands.send(environment, configureProxy(environment));

        List<ConsumerRecord<String, SpecificRecord>> seen = commands.await(
                records -> records.stream().anyMatch(r -> environment.equals(r.key())), Duration.ofSeconds(20));

        ConfigureProxy read = (ConfigureProxy) seen.stream().filter(r -> environment.equals(r.key())).findFirst().orElseThrow().value();
        assertThat(read.getServers()).extracting(ProxyServer::getInstanceId).containsExactly("i-1");
    }

    @Test
    void aTimeoutSaysWhatWasSeen() {
        TopicRecords commands = TopicRecords.of(Topic.PROXY_COMMANDS);

        assertThatThrownBy(() -> commands.await(records -> false, Duration.ofMillis(500)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("did not arrive on " + Topic.PROXY_COMMANDS.topicName);
    }

    @Test
    void aRecordOfAnotherTopicIsRejected() {
        assertThatThrownBy(() -> TopicRecords.of(Topic.COMMAND_RESULTS).send("env", configureProxy("env")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kafkaConfigNamesTheBrokerAndTheRegistry() {
        Infrastructure infrastructure = Infrastructure.get();

        assertThat(infrastructure.kafkaConfig())
                .containsEntry("bootstrap.servers", infrastructure.bootstrapServers())
                .containsEntry("schema.registry.url", infrastructure.registryUrl());
        assertThat(infrastructure.bootstrapServers()).startsWith("127.0.0.1:");
        assertThat(Infrastructure.get()).isSameAs(infrastructure);
    }

    private static ConfigureProxy configureProxy(String environment) {
        EventMetadata meta = new EventMetadata("cmd-" + UUID.randomUUID(), environment, null, null, Instant.now(), "test");
        return new ConfigureProxy(meta, "i-0", "127.0.0.1", List.of(new ProxyServer("i-1", "127.0.0.2")));
    }
}
