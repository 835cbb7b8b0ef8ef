package io.understudy.health;

import io.understudy.contract.HealthObservation;
import io.understudy.contract.Instance;
import io.understudy.contract.InstanceFailed;
import io.understudy.contract.InstanceStatus;
import io.understudy.contract.ObserverSelfSuspicion;
import io.understudy.contract.ObserverVerdict;
import io.understudy.contract.Role;
import io.understudy.schemas.access.Principal;
import io.understudy.schemas.topic.Topic;
import io.understudy.testing.AppInstance;
import io.understudy.testing.FreePorts;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.InstancePorts;
import io.understudy.testing.NetworkCut;
import io.understudy.testing.TopicRecords;
import io.understudy.testing.services.ServiceProcess;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real network cut, end to end within the health monitor: the monitors run as their own processes
 * ({@code java -jar} on the service's jar) inside a cgroup, and a packet filter drops what that group sends to the
 * instances (real HAProxy processes on loopback addresses), which stay healthy and reachable for everyone else.
 * Each monitor must suspect itself rather than the instances, declare nothing for many report intervals, vote again
 * once the cut heals, and still declare a really killed instance failed (once, then repeated while it holds).
 */
class CutOffMonitorsIT {
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    /** Reports each monitor must make after its self-suspicion before "no InstanceFailed" means something. */
    private static final int LATER_REPORTS = 6;
    private static final Duration REANNOUNCE = Duration.ofSeconds(3);
    private static final String NETWORK = "127." + ThreadLocalRandom.current().nextInt(16, 251) + "."
            + ThreadLocalRandom.current().nextInt(0, 256) + ".";
    private static final List<String> INSTANCES = List.of("i-master", "i-slave-1", "i-slave-2", "i-slave-3");
    private static final String MASTER = INSTANCES.get(0);

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void a_lone_monitor_cut_off_from_every_instance_suspects_itself_and_fails_nothing() throws Exception {
        cutOffThenKill(Map.of("cut-solo", "zone-a"), 1);
    }

    @Test
    void three_monitors_cut_off_together_suspect_themselves_and_two_zones_agree_on_a_real_failure() throws Exception {
        cutOffThenKill(Map.of("cut-a", "zone-a", "cut-b", "zone-b", "cut-c", "zone-c"), 2);
    }

    /** @param monitors replica ids and their zones */
    private void cutOffThenKill(Map<String, String> monitors, int minAgree) throws Exception {
        Infrastructure infrastructure = Infrastructure.get();
        infrastructure.createTopics();
        Path workDir = Infrastructure.workDir("cut-off-monitors");
        InstancePorts ports = InstancePorts.pickFree();
        int firstHost = ThreadLocalRandom.current().nextInt(4, 240);
        Map<String, AppInstance> apps = new HashMap<>();
        for (int i = 0; i < INSTANCES.size(); i++) {
            AppInstance app = AppInstance.start(workDir.resolve(INSTANCES.get(i)), NETWORK + (firstHost + i), ports);
            started.add(app);
            apps.put(INSTANCES.get(i), app);
        }
        NetworkCut cut = NetworkCut.create("health-monitors");
        started.add(cut);
        String quorum = "health-monitor-quorum-cut-" + UUID.randomUUID();
        List<ServiceProcess> processes = new ArrayList<>();
        for (Map.Entry<String, String> monitor : monitors.entrySet()) {
            ServiceProcess process = ServiceProcess.start("health-monitor", FreePorts.pick(),
                    environment(infrastructure, ports, workDir, monitor.getKey(), monitor.getValue(), quorum, minAgree),
                    workDir.resolve("logs"), monitor.getKey(), cut);
            started.add(process);
            processes.add(process);
        }
        for (ServiceProcess process : processes) {
            process.awaitHealthy(DEADLINE);
            assertThat(cut.processes()).as("the monitor runs inside the group").contains(process.pid());
        }
        String env = "env-cut-" + UUID.randomUUID();
        publish(env, apps);
        awaitObservations(env, all -> monitors.keySet().stream().allMatch(m -> INSTANCES.stream().allMatch(i -> all.stream()
                .anyMatch(o -> o.getObserver().equals(m) && o.getInstanceId().equals(i)
                        && o.getVerdict() == ObserverVerdict.UP && o.getLastHealthyAt() != null))));

        Instant cutAt = Instant.now();
        apps.values().forEach(app -> cut.cut(app.privateAddress()));
        List<ObserverSelfSuspicion> suspicions = awaitSelfSuspicions(env, monitors.size(), true);
        List<HealthObservation> whileCut = awaitObservations(env, all -> suspicions.stream().allMatch(s ->
                all.stream().filter(o -> o.getObserver().equals(s.getObserver()) && o.getInstanceId().equals(MASTER))
                        .filter(o -> o.getMeta().getOccurredAt().isAfter(s.getMeta().getOccurredAt()))
                        .count() >= LATER_REPORTS
                        && INSTANCES.stream().allMatch(i -> all.stream().anyMatch(o -> o.getObserver().equals(s.getObserver())
                        && o.getInstanceId().equals(i) && o.getVerdict() == ObserverVerdict.ABSTAIN))));
        List<SpecificRecord> eventsWhileCut = HealthTopic.soFar(env).stream().map(ConsumerRecord::value).toList();
        Instant healedAt = Instant.now();
        cut.heal();
        List<ObserverSelfSuspicion> ended = awaitSelfSuspicions(env, monitors.size(), false);

        Instant killed = Instant.now();
        apps.get(MASTER).kill();
        List<SpecificRecord> events = healthEvents(env, all -> failures(all).stream().filter(InstanceFailed::getRepeated).count() >= 2);

        assertThat(suspicions).extracting(ObserverSelfSuspicion::getObserver).containsExactlyInAnyOrderElementsOf(monitors.keySet());
        assertThat(suspicions).allSatisfy(s -> {
            assertThat(s.getWatched()).isEqualTo(INSTANCES.size());
            assertThat(s.getUnreachable()).isGreaterThan(INSTANCES.size() / 2);
            assertThat(s.getObserverZone()).isEqualTo(monitors.get(s.getObserver()));
            assertThat(s.getMeta().getOccurredAt()).isAfter(cutAt);
        });
        List<HealthObservation> sinceCut = whileCut.stream().filter(o -> o.getMeta().getOccurredAt().isAfter(cutAt)).toList();
        assertThat(sinceCut).as("no monitor cast a SUSPECT vote during the cut")
                .noneMatch(o -> o.getVerdict() == ObserverVerdict.SUSPECT);
        assertThat(sinceCut).filteredOn(o -> o.getVerdict() == ObserverVerdict.ABSTAIN)
                .as("timeouts, as a cut network gives: packets dropped, not refused")
                .allSatisfy(o -> assertThat(o.getReason()).contains("within 300ms"));
        assertThat(eventsWhileCut).as("the cut declared nothing: only the monitors' self-suspicions")
                .allMatch(ObserverSelfSuspicion.class::isInstance);
        assertThat(ended).allSatisfy(e -> assertThat(e.getMeta().getOccurredAt()).isAfter(healedAt));
        List<InstanceFailed> failures = failures(events);
        assertThat(failures).as("the killed master, and no other instance").allSatisfy(f -> {
            assertThat(f.getInstanceId()).isEqualTo(MASTER);
            assertThat(f.getMeta().getOccurredAt()).isAfter(killed);
        });
        assertThat(failures).filteredOn(f -> !f.getRepeated()).as("declared once; said again only as a repeat").singleElement()
                .satisfies(failed -> {
                    assertThat(failed.getQuorum()).isEqualTo(minAgree);
                    assertThat(failed.getAgreeingObservers()).hasSizeGreaterThanOrEqualTo(minAgree);
                    assertThat(failed.getZones()).hasSizeGreaterThanOrEqualTo(Math.min(2, monitors.size()));
                    assertThat(failed.getPhi()).isGreaterThanOrEqualTo(8.0);
                });
        InstanceFailed failed = failures.stream().filter(f -> !f.getRepeated()).findFirst().orElseThrow();
        InstanceFailed repeat = failures.stream().filter(InstanceFailed::getRepeated).findFirst().orElseThrow();
        assertThat(Duration.between(failed.getMeta().getOccurredAt(), repeat.getMeta().getOccurredAt())).isGreaterThanOrEqualTo(REANNOUNCE);

        long reportsAfter = suspicions.stream().mapToLong(s -> sinceCut.stream()
                .filter(o -> o.getObserver().equals(s.getObserver()) && o.getInstanceId().equals(MASTER)
                        && o.getMeta().getOccurredAt().isAfter(s.getMeta().getOccurredAt())).count()).min().orElseThrow();
        System.out.printf("%d monitor(s) cut off: self-suspicion %s ms after the cut; no InstanceFailed while cut (%d s,"
                        + " at least %d reports per monitor after its self-suspicion); votes again %s ms after healing;"
                        + " a killed master declared failed %d ms after the kill (%d ms after its last good probe, by %s in %s),"
                        + " said again %d ms later%n",
                monitors.size(), suspicions.stream().map(s -> Duration.between(cutAt, s.getMeta().getOccurredAt()).toMillis()).toList(),
                Duration.between(cutAt, healedAt).toSeconds(), reportsAfter,
                ended.stream().map(e -> Duration.between(healedAt, e.getMeta().getOccurredAt()).toMillis()).toList(),
                Duration.between(killed, failed.getMeta().getOccurredAt()).toMillis(),
                Duration.between(failed.getLastHealthyAt(), failed.getMeta().getOccurredAt()).toMillis(),
                failed.getAgreeingObservers(), failed.getZones(),
                Duration.between(failed.getMeta().getOccurredAt(), repeat.getMeta().getOccurredAt()).toMillis());
    }

    private static Map<String, String> environment(Infrastructure infrastructure, InstancePorts ports, Path workDir,
                                                   String replicaId, String zone, String quorum, int minAgree) {
        Map<String, String> environment = new HashMap<>();
        // as deployed: the monitor's own principal, whose ACLs cover quorum application ids that start with its name
        environment.putAll(infrastructure.kafkaSettings(Principal.HEALTH_MONITOR).asEnvironment());
        environment.put("UNDERSTUDY_SCHEMA_REGISTRY_URL", infrastructure.registryUrl());
        environment.put("UNDERSTUDY_HEALTH_PORT", String.valueOf(ports.app()));
        environment.put("UNDERSTUDY_HEALTH_REPLICA_ID", replicaId);
        environment.put("UNDERSTUDY_HEALTH_ZONE", zone);
        environment.put("UNDERSTUDY_HEALTH_QUORUM_APPLICATION_ID", quorum);
        environment.put("UNDERSTUDY_HEALTH_QUORUM_STATE_DIR", workDir.resolve("quorum-state-" + replicaId).toString());
        environment.put("UNDERSTUDY_HEALTH_QUORUM_OBSERVERS", "3");
        environment.put("UNDERSTUDY_HEALTH_QUORUM_AGREE", "2");
        environment.put("UNDERSTUDY_HEALTH_QUORUM_MIN_AGREE", String.valueOf(minAgree));
        environment.put("UNDERSTUDY_HEALTH_QUORUM_REANNOUNCE_INTERVAL", REANNOUNCE.toSeconds() + "s");
        return environment;
    }

    private static List<InstanceFailed> failures(List<SpecificRecord> events) {
        return events.stream().filter(InstanceFailed.class::isInstance).map(InstanceFailed.class::cast).toList();
    }

    /** The first self-suspicion change each monitor told the environment about, once every monitor told one. */
    private static List<ObserverSelfSuspicion> awaitSelfSuspicions(String env, int monitors, boolean suspectsItself) {
        Predicate<SpecificRecord> wanted = r -> r instanceof ObserverSelfSuspicion s && s.getSuspectsItself() == suspectsItself;
        List<SpecificRecord> events = healthEvents(env, all -> all.stream().filter(wanted)
                .map(r -> ((ObserverSelfSuspicion) r).getObserver()).distinct().count() >= monitors);
        Map<String, ObserverSelfSuspicion> first = new HashMap<>();
        events.stream().filter(wanted).map(ObserverSelfSuspicion.class::cast).forEach(s -> first.putIfAbsent(s.getObserver(), s));
        return List.copyOf(first.values());
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
        return TopicRecords.valuesFor(TopicRecords.of(Topic.HEALTH_EVENTS).await(records -> until.test(TopicRecords.valuesFor(records, env)), DEADLINE), env);
    }

    /** The environment as the orchestrator would write it; a tombstone at the end, so later monitors do not watch it. */
    private void publish(String env, Map<String, AppInstance> apps) {
        started.add(() -> TopicRecords.of(Topic.ENVIRONMENT_STATE).sendRaw(env.getBytes(StandardCharsets.UTF_8), null));
        WatchedEnvironments.publish(env, INSTANCES.stream().map(id -> Instance.newBuilder().setInstanceId(id)
                .setRole(id.equals(MASTER) ? Role.APP_MASTER : Role.APP_SLAVE).setStatus(InstanceStatus.RUNNING)
                .setPrivateAddress(apps.get(id).privateAddress()).setAvailabilityZone("us-east-1a")
                .setStackVersion("stack-1").setImageId("ami-12c6146b").build()).toList());
    }
}
