package io.understudy.streams;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.understudy.kafka.KafkaSettings;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StreamsHostTest {

    @Test
    void the_application_is_measured_from_its_creation_and_stopped_with_its_host(@TempDir Path state) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in").to("out");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        StreamsHost host = new StreamsHost("test", builder.build(), StreamsProperties.exactlyOnce(
                KafkaSettings.of(Map.of(KafkaSettings.BOOTSTRAP_SERVERS, "localhost:9")).access(), "host-test", 1, state)
                .properties(), meters);

        assertThat(host.state()).isEqualTo(KafkaStreams.State.CREATED);
        assertThat(host.members()).isEmpty();
        assertThat(meters.getMeters()).anySatisfy(meter -> assertThat(meter.getId().getName()).startsWith("kafka."));

        host.close();
        assertThat(host.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
    }
}
