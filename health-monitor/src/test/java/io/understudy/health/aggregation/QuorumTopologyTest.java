package io.understudy.health.aggregation;

import io.understudy.contract.DeadLetter;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.HealthObservation;
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
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The quorum's topology with its real serdes and state stores, in TopologyTestDriver. */
class QuorumTopologyTest {
    private static final InstanceRef MASTER = new InstanceRef("env-q", "i-master");
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private static final Quorum REANNOUNCING = new Quorum(2, 1, Duration.ofSeconds(5), Duration.ofSeconds(10));
    private static final String INSTANCE_KEY = MASTER.environmentId() + "/" + MASTER.instanceId() + "/";

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private Quorum quorum = new Quorum(2, Duration.ofSeconds(5));
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
        driver = new TopologyTestDriver(QuorumTopology.build(registry, quorum, "replica-q"), properties);
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
        observations.pipeInput(MASTER.environmentId(), Observations.released(MASTER, "b", "", "r-1", T0.plusSeconds(1)));

        observe("a", Verdict.SUSPECT, T0.plusSeconds(2));
        List<SpecificRecord> whileListening = events.readValuesToList();
        observe("a", Verdict.SUSPECT, T0.plusSeconds(5));
        observations.pipeInput(MASTER.environmentId(), Observations.released(MASTER, "a", "", "r-2", T0.plusSeconds(6)));
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
        observations.pipeInput(MASTER.environmentId(), Observations.toRecord(flapping(true, T0), "a", "", "f-1"));
        observations.pipeInput(MASTER.environmentId(), Observations.toRecord(flapping(true, T0), "b", "", "f-2"));
        observations.pipeInput(MASTER.environmentId(), Observations.toRecord(flapping(false, T0.plusSeconds(1)), "a", "", "f-3"));
        observations.pipeInput(MASTER.environmentId(), Observations.toRecord(flapping(false, T0.plusSeconds(1)), "b", "", "f-4"));

        List<SpecificRecord> announced = events.readValuesToList();
        assertThat(announced).hasSize(2).allSatisfy(v -> assertThat(v).isInstanceOf(InstanceFlapping.class));
        assertThat(announced).extracting(v -> ((InstanceFlapping) v).getFlapping()).containsExactly(true, false);
        assertThat(((InstanceFlapping) announced.get(0)).getAgreeingObservers()).containsExactly("a", "b");
    }

    @Test
    void dead_letters_what_it_cannot_read_and_goes_on() {
        raw.pipeInput("env-q".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8));
        observations.pipeInput("another-env", Observations.toRecord(observation(Verdict.SUSPECT, T0), "a", "", "e-1"));
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

    @Test
    void observers_of_one_zone_fail_nothing_while_another_zone_sees_the_instance_and_the_failure_names_the_zones() {
        observe("a", "zone-1", Verdict.UP, T0);
        observe("b", "zone-2", Verdict.UP, T0);
        observe("c", "zone-2", Verdict.UP, T0);
        observe("b", "zone-2", Verdict.SUSPECT, T0.plusMillis(700));
        observe("c", "zone-2", Verdict.SUSPECT, T0.plusMillis(750));
        observe("a", "zone-1", Verdict.UP, T0.plusMillis(800));
        List<SpecificRecord> oneZone = events.readValuesToList();

        observe("a", "zone-1", Verdict.SUSPECT, T0.plusMillis(900));

        assertThat(oneZone).extracting(v -> v.getClass().getSimpleName()).containsExactly("InstanceSuspected");
        assertThat(events.readValuesToList()).singleElement().isInstanceOfSatisfying(InstanceFailed.class, failed -> {
            assertThat(failed.getAgreeingObservers()).containsExactly("a", "b", "c");
            assertThat(failed.getZones()).containsExactly("zone-1", "zone-2");
            assertThat(failed.getRepeated()).isFalse();
        });
    }

    @Test
    void an_abstaining_observer_votes_for_neither_side() {
        observe("a", Verdict.UP, T0);
        observe("b", Verdict.UP, T0);
        for (int second = 1; second <= 20; second++) {
            observe("a", Verdict.ABSTAIN, T0.plusSeconds(second));
            observe("b", Verdict.SUSPECT, T0.plusSeconds(second));
        }

        assertThat(events.readValuesToList()).singleElement().isInstanceOfSatisfying(InstanceSuspected.class,
                suspected -> assertThat(suspected.getAgreeingObservers()).containsExactly("b"));
    }

    @Test
    void a_failure_that_still_holds_is_said_again_with_ids_that_derive_from_their_observations() {
        List<InstanceFailed> first = failAndKeepSuspecting("same");
        startDriverAfresh();
        List<InstanceFailed> again = failAndKeepSuspecting("same");

        assertThat(first).extracting(InstanceFailed::getRepeated).containsExactly(false, true, true);
        assertThat(first).extracting(f -> f.getMeta().getOccurredAt())
                .containsExactly(T0.plusSeconds(1), T0.plusSeconds(11), T0.plusSeconds(21));
        assertThat(first).extracting(f -> f.getMeta().getEventId()).doesNotHaveDuplicates()
                .isEqualTo(again.stream().map(f -> f.getMeta().getEventId()).toList());
    }

    @Test
    void a_replica_restarted_from_its_changelog_says_a_failure_that_still_holds_again() {
        useQuorum(REANNOUNCING);
        observe("a", Verdict.UP, T0);
        observe("b", Verdict.UP, T0);
        observe("a", Verdict.SUSPECT, T0.plusMillis(700));
        observe("b", Verdict.SUSPECT, T0.plusMillis(750));
        List<SpecificRecord> beforeRestart = events.readValuesToList();

        // Kafka Streams restores the stores from their changelogs; the test driver keeps none, so the restart carries
        // over what they hold: every entry of both stores
        List<KeyValue<String, HealthObservation>> reports = entries(driver.getKeyValueStore(QuorumTopology.REPORTS));
        List<KeyValue<String, String>> announced = entries(driver.getKeyValueStore(QuorumTopology.ANNOUNCED));
        startDriverAfresh();
        KeyValueStore<String, HealthObservation> restoredReports = driver.getKeyValueStore(QuorumTopology.REPORTS);
        KeyValueStore<String, String> restoredAnnounced = driver.getKeyValueStore(QuorumTopology.ANNOUNCED);
        reports.forEach(entry -> restoredReports.put(entry.key, entry.value));
        announced.forEach(entry -> restoredAnnounced.put(entry.key, entry.value));
        // replica a comes back as a-2 with its detector rebuilt: in its boot grace it has not seen the instance answer
        for (int second = 2; second <= 10; second++) {
            observations.pipeInput(MASTER.environmentId(), Observations.toRecord(new Observation(MASTER, Verdict.UP, false,
                    0, 0, Optional.empty(), second, T0.plusSeconds(second), "watching"), "a-2", "", UUID.randomUUID().toString()));
            observe("b", Verdict.SUSPECT, T0.plusSeconds(second));
        }
        List<SpecificRecord> whileInItsGrace = events.readValuesToList();
        observe("a-2", Verdict.SUSPECT, T0.plusSeconds(12));

        assertThat(beforeRestart).extracting(v -> v.getClass().getSimpleName()).containsExactly("InstanceSuspected", "InstanceFailed");
        assertThat(whileInItsGrace).as("no recovery, nor a repeat on b's word alone").isEmpty();
        assertThat(events.readValuesToList()).singleElement().isInstanceOfSatisfying(InstanceFailed.class, failed -> {
            assertThat(failed.getRepeated()).isTrue();
            assertThat(failed.getAgreeingObservers()).containsExactly("a-2", "b");
        });
    }

    @Test
    void an_announcement_stored_by_the_previous_version_is_read_and_its_failure_said_again() {
        useQuorum(REANNOUNCING);
        driver.<String, String>getKeyValueStore(QuorumTopology.ANNOUNCED).put(INSTANCE_KEY, "failed@" + T0.minusSeconds(600).toEpochMilli());

        observe("a", Verdict.SUSPECT, T0);

        assertThat(events.readValuesToList()).singleElement().isInstanceOfSatisfying(InstanceFailed.class,
                failed -> assertThat(failed.getRepeated()).isTrue());
        assertThat(driver.<String, String>getKeyValueStore(QuorumTopology.ANNOUNCED).get(INSTANCE_KEY))
                .isEqualTo("failed,said=" + T0.toEpochMilli() + "@" + T0.minusSeconds(600).toEpochMilli());
    }

    private List<InstanceFailed> failAndKeepSuspecting(String prefix) {
        useQuorum(REANNOUNCING);
        observe("a", Verdict.UP, T0, prefix + "-up-a");
        observe("b", Verdict.UP, T0, prefix + "-up-b");
        for (int second = 1; second <= 25; second++) {
            observe("a", Verdict.SUSPECT, T0.plusSeconds(second), prefix + "-a-" + second);
            observe("b", Verdict.SUSPECT, T0.plusSeconds(second), prefix + "-b-" + second);
        }
        return events.readValuesToList().stream().filter(InstanceFailed.class::isInstance).map(InstanceFailed.class::cast).toList();
    }

    private void useQuorum(Quorum next) {
        quorum = next;
        startDriverAfresh();
    }

    private static <V> List<KeyValue<String, V>> entries(KeyValueStore<String, V> store) {
        List<KeyValue<String, V>> entries = new ArrayList<>();
        try (KeyValueIterator<String, V> all = store.all()) {
            all.forEachRemaining(entries::add);
        }
        return entries;
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
        observations.pipeInput(MASTER.environmentId(), Observations.toRecord(observation(verdict, at), observer, "", observationId));
    }

    private void observe(String observer, Verdict verdict, Instant at) {
        observe(observer, "", verdict, at);
    }

    private void observe(String observer, String zone, Verdict verdict, Instant at) {
        observations.pipeInput(MASTER.environmentId(), Observations.toRecord(observation(verdict, at), observer, zone,
                UUID.randomUUID().toString()));
    }

    private static Observation flapping(boolean flapping, Instant at) {
        return new Observation(MASTER, Verdict.UP, flapping, flapping ? 3 : 0, 0.2, Optional.of(at), 0, at, "flapping " + flapping);
    }

    private static Observation observation(Verdict verdict, Instant at) {
        boolean suspects = verdict == Verdict.SUSPECT || verdict == Verdict.ABSTAIN;
        return new Observation(MASTER, verdict, false, 0, suspects ? 9.0 : 0.2, Optional.of(T0), suspects ? 6 : 0, at,
                verdict.name());
    }
}
