package io.understudy.health;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.understudy.contract.HealthObservation;
import io.understudy.contract.Instance;
import io.understudy.contract.InstanceFailed;
import io.understudy.contract.InstanceStatus;
import io.understudy.contract.InstanceSuspected;
import io.understudy.contract.ObserverVerdict;
import io.understudy.contract.Role;
import io.understudy.schemas.topic.Topic;
import io.understudy.testing.AppInstance;
import io.understudy.testing.HaproxyProcess;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.InstancePorts;
import io.understudy.testing.TopicRecords;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three health-monitor replicas on the real broker observe one live instance (a real HAProxy). Observer A reaches
 * it through a TCP relay (another real HAProxy) that the test kills: A is cut off while B and C still see the
 * instance, and no InstanceFailed follows. Then the instance itself is killed, and the quorum fails it.
 */
class ThreeObserversIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /**
     * Bound on the detection time, checked as the time from the deciding observer's last good probe to its decision
     * (the instance died after that probe, so this is never shorter than the detection time); 2 s leaves room for a
     * busy shared machine over the detector's ~0.8 s.
     */
    private static final Duration DECISION_BOUND = Duration.ofSeconds(2);
    /** Reports each of B and C must make after A's suspicion before "no InstanceFailed" means something. */
    private static final int LATER_REPORTS = 5;
    private static final String ADDRESS = "127." + ThreadLocalRandom.current().nextInt(16, 251) + "."
            + ThreadLocalRandom.current().nextInt(0, 256) + "." + ThreadLocalRandom.current().nextInt(4, 250);

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void one_cut_off_observer_fails_nothing_and_a_killed_instance_is_failed_by_two_of_three() {
        Infrastructure infrastructure = Infrastructure.get();
        InstancePorts ports = InstancePorts.pickFree();
        int relayPort = InstancePorts.pickFree().app();
        AppInstance instance = AppInstance.start(Infrastructure.workDir("three-observers-instance"), ADDRESS, ports);
        started.add(instance);
        HaproxyProcess relay = HaproxyProcess.start(Infrastructure.workDir("three-observers-relay"), relay(ports.app(), relayPort));
        started.add(relay);
        String quorum = "health-monitor-quorum-three-" + UUID.randomUUID();
        startObserver("observer-a", relayPort, quorum, infrastructure);
        startObserver("observer-b", ports.app(), quorum, infrastructure);
        startObserver("observer-c", ports.app(), quorum, infrastructure);
        String env = "env-three-" + UUID.randomUUID();
        publish(env);
        awaitObservations(env, all -> List.of("observer-a", "observer-b", "observer-c").stream()
                .allMatch(o -> all.stream().anyMatch(r -> r.getObserver().equals(o) && r.getVerdict() == ObserverVerdict.UP
                        && r.getLastHealthyAt() != null)));

        relay.kill();
        HealthObservation suspicion = awaitObservations(env, all -> all.stream().anyMatch(ThreeObserversIT::suspectedByA))
                .stream().filter(ThreeObserversIT::suspectedByA).findFirst().orElseThrow();
        awaitObservations(env, all -> List.of("observer-b", "observer-c").stream().allMatch(o -> all.stream()
                .filter(r -> r.getObserver().equals(o) && r.getVerdict() == ObserverVerdict.UP)
                .filter(r -> r.getMeta().getOccurredAt().isAfter(suspicion.getMeta().getOccurredAt()))
                .count() >= LATER_REPORTS));
        List<SpecificRecord> whileCutOff = healthEvents(env, events -> events.stream().anyMatch(InstanceSuspected.class::isInstance));

        Instant killed = Instant.now();
        instance.kill();
        List<SpecificRecord> events = healthEvents(env, all -> all.stream().anyMatch(InstanceFailed.class::isInstance));
        Instant seen = Instant.now();

        assertThat(whileCutOff).filteredOn(InstanceSuspected.class::isInstance).singleElement()
                .isInstanceOfSatisfying(InstanceSuspected.class, s -> assertThat(s.getAgreeingObservers()).containsExactly("observer-a"));
        List<InstanceFailed> failures = events.stream().filter(InstanceFailed.class::isInstance).map(InstanceFailed.class::cast).toList();
        assertThat(failures).as("one InstanceFailed, and none before the kill").singleElement().satisfies(failed -> {
            assertThat(failed.getMeta().getOccurredAt()).isAfter(killed);
            assertThat(failed.getQuorum()).isEqualTo(2);
            assertThat(failed.getAgreeingObservers()).hasSizeGreaterThanOrEqualTo(2).containsAnyOf("observer-b", "observer-c");
            assertThat(failed.getPhi()).isGreaterThanOrEqualTo(8.0);
            assertThat(failed.getLastHealthyAt()).isBefore(failed.getMeta().getOccurredAt());
            assertThat(Duration.between(failed.getLastHealthyAt(), failed.getMeta().getOccurredAt())).isLessThanOrEqualTo(DECISION_BOUND);
        });
        System.out.printf("three observers: InstanceFailed decided %d ms after the last good probe, %d ms after the kill began,"
                        + " read from the topic %d ms after the kill began%n",
                Duration.between(failures.get(0).getLastHealthyAt(), failures.get(0).getMeta().getOccurredAt()).toMillis(),
                Duration.between(killed, failures.get(0).getMeta().getOccurredAt()).toMillis(),
                Duration.between(killed, seen).toMillis());
    }

    private static boolean suspectedByA(HealthObservation observation) {
        return observation.getObserver().equals("observer-a") && observation.getVerdict() == ObserverVerdict.SUSPECT;
    }

    private void startObserver(String replicaId, int probePort, String quorum, Infrastructure infrastructure) {
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, MonitorProperties.of(infrastructure, Map.ofEntries(
                Map.entry("understudy.schema-registry.url", infrastructure.registryUrl()),
                Map.entry("micronaut.server.port", -1),
                Map.entry("micronaut.server.host", "127.0.0.1"),
                Map.entry("understudy.health.port", probePort),
                Map.entry("understudy.health.replica-id", replicaId),
                Map.entry("understudy.health.quorum.observers", 3),
                Map.entry("understudy.health.quorum.agree", 2),
                Map.entry("understudy.health.quorum.application-id", quorum),
                Map.entry("understudy.health.quorum.state-dir", Infrastructure.workDir("quorum-state-" + replicaId).toString()))));
        started.add(() -> server.getApplicationContext().close());
    }

    /** A TCP relay to the instance's app server: observer A's only way to it. */
    private static String relay(int appPort, int relayPort) {
        return """
                defaults
                    mode tcp
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s

                frontend relay
                    bind %1$s:%3$d
                    default_backend instance

                backend instance
                    server app %1$s:%2$d
                """.formatted(ADDRESS, appPort, relayPort);
    }

    private static List<HealthObservation> awaitObservations(String env, Predicate<List<HealthObservation>> until) {
        return observationsOf(TopicRecords.of(Topic.HEALTH_OBSERVATIONS)
                .await(records -> until.test(observationsOf(records, env)), DEADLINE), env);
    }

    private static List<HealthObservation> observationsOf(List<ConsumerRecord<String, SpecificRecord>> records, String env) {
        return records.stream().filter(r -> env.equals(r.key())).map(ConsumerRecord::value)
                .filter(HealthObservation.class::isInstance).map(HealthObservation.class::cast).toList();
    }

    private static List<SpecificRecord> healthEvents(String env, Predicate<List<SpecificRecord>> until) {
        return TopicRecords.of(Topic.HEALTH_EVENTS).await(records -> until.test(TopicRecords.valuesFor(records, env)), DEADLINE)
                .stream().filter(r -> env.equals(r.key())).map(ConsumerRecord::value).toList();
    }

    private void publish(String env) {
        started.add(() -> TopicRecords.of(Topic.ENVIRONMENT_STATE).sendRaw(env.getBytes(StandardCharsets.UTF_8), null));
        Instance master = Instance.newBuilder().setInstanceId("i-live").setRole(Role.APP_MASTER)
                .setStatus(InstanceStatus.RUNNING).setPrivateAddress(ADDRESS).setAvailabilityZone("us-east-1a")
                .setStackVersion("stack-1").setImageId("ami-12c6146b").build();
        WatchedEnvironments.publish(env, List.of(master));
    }
}
