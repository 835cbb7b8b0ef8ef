package io.understudy.health.aggregation;

import io.understudy.contract.DeadLetter;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.InstanceFailed;
import io.understudy.contract.InstanceFlapping;
import io.understudy.contract.InstanceRecovered;
import io.understudy.contract.InstanceSuspected;
import io.understudy.health.detection.InstanceRef;
import io.understudy.health.detection.Observation;
import io.understudy.health.detection.Observation.Verdict;
import io.understudy.health.events.Observations;
import io.understudy.health.quorum.Quorum;
import io.understudy.schemas.registry.InMemorySchemaRegistryClient;
import io.understudy.schemas.serde.AvroDeserializer;
import io.understudy.schemas.serde.AvroSerializer;
import io.understudy.schemas.topic.Topic;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The quorum's topology with its real serdes and state stores, in TopologyTestDriver. */
class QuorumTopologyTest {
    private static final InstanceRef MASTER = new InstanceRef("env-q", "i-master");
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private TopologyTestDriver driver;
    private TestInputTopic<String, SpecificRecord> observations;
    private TestInputTopic<byte[], byte[]> raw;
    private TestOutputTopic<String, SpecificRecord> events;
    private TestOutputTopic<String, SpecificRecord> deadLetters;

    @BeforeEach
    void startDriver() {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "quorum-topology-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "quorum-topology-test", UUID.randomUUID().toString()).toString());
        driver = new TopologyTestDriver(QuorumTopology.build(registry, new Quorum(2, Duration.ofSeconds(5)), "replica-q"), properties);
        observations = driver.createInputTopic(Topic.HEALTH_OBSERVATIONS.topicName, new StringSerializer(), new AvroSerializer(registry));
        raw = driver.createInputTopic(Topic.HEALTH_OBSERVATIONS.topicName, new ByteArraySerializer(), new ByteArraySerializer());
        events = driver.createOutputTopic(Topic.HEALTH_EVENTS.topicName, new StringDeserializer(), new AvroDeserializer(registry));
        deadLetters = driver.createOutputTopic(Topic.DEAD_LETTERS.topicName, new StringDeserializer(), new AvroDeserializer(registry));
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void fails_an_instance_once_two_of_three_observers_suspect_it() {
        observe("a", Verdict.UP, T0);
        observe("b", Verdict.UP, T0);
        observe("c", Verdict.UP, T0);
        observe("a", Verdict.SUSPECT, T0.plusMillis(700));
        List<SpecificRecord> afterOne = events.readValuesToList();

        observe("b", Verdict.SUSPECT, T0.plusMillis(750));
        observe("c", Verdict.SUSPECT, T0.plusMillis(800));
        observe("a", Verdict.SUSPECT, T0.plusMillis(1700));

        assertThat(afterOne).singleElement().isInstanceOf(InstanceSuspected.class);
        List<SpecificRecord> later = events.readValuesToList();
        assertThat(later).singleElement().isInstanceOfSatisfying(InstanceFailed.class, failed -> {
            assertThat(failed.getInstanceId()).isEqualTo("i-master");
            assertThat(failed.getAgreeingObservers()).containsExactly("a", "b");
            assertThat(failed.getQuorum()).isEqualTo(2);
            assertThat(failed.getPhi()).isEqualTo(9.0);
            assertThat(failed.getLastHealthyAt()).isEqualTo(T0);
            assertThat(failed.getMeta().getEnvironmentId()).isEqualTo("env-q");
            assertThat(failed.getMeta().getProducer()).isEqualTo("health-monitor/replica-q");
        });
    }

    @Test
    void a_released_observer_stops_counting_and_a_fully_released_instance_starts_afresh() {
        // the quorum first listens for an observer timeout (5 s) before it lowers k for observers it has not heard
        observe("a", Verdict.UP, T0);
        observe("b", Verdict.UP, T0);
        observe("a", Verdict.SUSPECT, T0.plusSeconds(1));
        observations.pipeInput(MASTER.environmentId(), Observations.released(MASTER, "b", "r-1", T0.plusSeconds(1)));

        observe("a", Verdict.SUSPECT, T0.plusSeconds(2));
        List<SpecificRecord> whileListening = events.readValuesToList();
        observe("a", Verdict.SUSPECT, T0.plusSeconds(5));
        observations.pipeInput(MASTER.environmentId(), Observations.released(MASTER, "a", "r-2", T0.plusSeconds(6)));
        observe("a", Verdict.SUSPECT, T0.plusSeconds(7));
        observe("a", Verdict.SUSPECT, T0.plusSeconds(12));

        assertThat(whileListening).extracting(v -> v.getClass().getSimpleName()).containsExactly("InstanceSuspected");
        assertThat(events.readValuesToList()).extracting(v -> v.getClass().getSimpleName())
                .containsExactly("InstanceFailed", "InstanceSuspected", "InstanceFailed");
    }

    @Test
    void an_older_report_arriving_after_a_newer_one_announces_no_recovery() {
        observe("a", Verdict.UP, T0.plusSeconds(1));
        observe("a", Verdict.SUSPECT, T0.plusSeconds(2));
        observe("a", Verdict.UP, T0.plusSeconds(1));
        observe("a", Verdict.SUSPECT, T0.plusSeconds(3));

        assertThat(events.readValuesToList()).extracting(v -> v.getClass().getSimpleName())
                .containsExactly("InstanceSuspected");
    }

    @Test
    void announces_recovery_when_every_observer_is_up_again() {
        observe("a", Verdict.SUSPECT, T0);
        observe("a", Verdict.RECOVERING, T0.plusSeconds(1));
        observe("a", Verdict.UP, T0.plusSeconds(11));

        assertThat(events.readValuesToList()).last().isInstanceOf(InstanceRecovered.class);
    }

    @Test
    void announces_flapping_once_two_observers_see_it_and_steadiness_once_none_does() {
        observe("a", Verdict.UP, T0);
        observe("b", Verdict.UP, T0);
        observations.pipeInput(MASTER.environmentId(), Observations.toRecord(flapping(true, T0), "a", "f-1"));
        observations.pipeInput(MASTER.environmentId(), Observations.toRecord(flapping(true, T0), "b", "f-2"));
        observations.pipeInput(MASTER.environmentId(), Observations.toRecord(flapping(false, T0.plusSeconds(1)), "a", "f-3"));
        observations.pipeInput(MASTER.environmentId(), Observations.toRecord(flapping(false, T0.plusSeconds(1)), "b", "f-4"));

        List<SpecificRecord> announced = events.readValuesToList();
        assertThat(announced).hasSize(2).allSatisfy(v -> assertThat(v).isInstanceOf(InstanceFlapping.class));
        assertThat(announced).extracting(v -> ((InstanceFlapping) v).getFlapping()).containsExactly(true, false);
        assertThat(((InstanceFlapping) announced.get(0)).getAgreeingObservers()).containsExactly("a", "b");
    }

    @Test
    void dead_letters_what_it_cannot_read_and_goes_on() {
        raw.pipeInput("env-q".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8));
        observations.pipeInput("another-env", Observations.toRecord(observation(Verdict.SUSPECT, T0), "a", "e-1"));
        observe("a", Verdict.SUSPECT, T0);
        observe("a", Verdict.SUSPECT, T0.plusSeconds(5));

        List<SpecificRecord> letters = deadLetters.readValuesToList();
        assertThat(letters).hasSize(2).allSatisfy(l -> assertThat(l).isInstanceOf(DeadLetter.class));
        assertThat(((DeadLetter) letters.get(1)).getReason()).contains("is not the record's environment");
        assertThat(events.readValuesToList()).extracting(v -> v.getClass().getSimpleName())
                .containsExactly("InstanceSuspected", "InstanceFailed");
    }

    @Test
    void the_same_observations_give_the_same_event_ids_and_different_ones_different_ids() {
        List<String> first = failOnceWithObservationIds("same");
        startDriverAfresh();
        List<String> again = failOnceWithObservationIds("same");
        startDriverAfresh();
        List<String> other = failOnceWithObservationIds("other");

        assertThat(first).hasSize(2).doesNotHaveDuplicates();
        assertThat(again).isEqualTo(first);
        assertThat(other).hasSize(2).doesNotContainAnyElementsOf(first);
    }

    private List<String> failOnceWithObservationIds(String prefix) {
        observe("a", Verdict.UP, T0, prefix + "-1");
        observe("b", Verdict.UP, T0, prefix + "-2");
        observe("a", Verdict.SUSPECT, T0.plusMillis(700), prefix + "-3");
        observe("b", Verdict.SUSPECT, T0.plusMillis(750), prefix + "-4");
        return events.readValuesToList().stream()
                .map(event -> ((EventMetadata) event.get(event.getSchema().getField("meta").pos())).getEventId()).toList();
    }

    private void startDriverAfresh() {
        closeDriver();
        startDriver();
    }

    private void observe(String observer, Verdict verdict, Instant at, String observationId) {
        observations.pipeInput(MASTER.environmentId(), Observations.toRecord(observation(verdict, at), observer, observationId));
    }

    private void observe(String observer, Verdict verdict, Instant at) {
        observations.pipeInput(MASTER.environmentId(), Observations.toRecord(observation(verdict, at), observer,
                UUID.randomUUID().toString()));
    }

    private static Observation flapping(boolean flapping, Instant at) {
        return new Observation(MASTER, Verdict.UP, flapping, flapping ? 3 : 0, 0.2, Optional.of(at), 0, at, "flapping " + flapping);
    }

    private static Observation observation(Verdict verdict, Instant at) {
        return new Observation(MASTER, verdict, false, 0, verdict == Verdict.SUSPECT ? 9.0 : 0.2, Optional.of(T0),
                verdict == Verdict.SUSPECT ? 6 : 0, at, verdict.name());
    }
}
