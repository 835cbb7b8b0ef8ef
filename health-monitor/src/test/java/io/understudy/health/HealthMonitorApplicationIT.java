package io.understudy.health;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.context.ApplicationContext;
import io.understudy.contract.Instance;
import io.understudy.contract.InstanceFailed;
import io.understudy.contract.InstanceRecovered;
import io.understudy.contract.InstanceStatus;
import io.understudy.contract.InstanceSuspected;
import io.understudy.contract.Role;
import io.understudy.schemas.topic.Topic;
import io.understudy.testing.AppInstance;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.InstancePorts;
import io.understudy.testing.TopicRecords;
import io.understudy.testing.services.Management;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The monitor's application context against the real broker and registry, probing real HAProxy
 * processes that play app instances on loopback addresses. One context for the class; each test
 * has its own environment, so tests do not see each other's events.
 */
class HealthMonitorApplicationIT {
    private static final String REPLICA = "it-replica";
    private static final String ZONE = "zone-t";
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** Rounds that must pass after a detection before "nothing more happened" means something. */
    private static final int LATER_ROUNDS = 10;
    /** AppInstance's stand-in app server, whose request count tells how often the monitor probed it. */
    private static final String APP_FRONTEND = "stand_in_app";

    private static final String NETWORK = "127." + ThreadLocalRandom.current().nextInt(16, 251) + "."
            + ThreadLocalRandom.current().nextInt(0, 256) + ".";
    private static int nextHost = 4;

    private static InstancePorts ports;
    private static EmbeddedServer monitor;
    private final List<AppInstance> instances = new ArrayList<>();
    private final List<String> environments = new ArrayList<>();

    @BeforeAll
    static void startMonitor() {
        Infrastructure infrastructure = Infrastructure.get();
        ports = InstancePorts.pickFree();
        monitor = ApplicationContext.run(EmbeddedServer.class, MonitorProperties.of(infrastructure, Map.ofEntries(
                Map.entry("understudy.schema-registry.url", infrastructure.registryUrl()),
                Map.entry("micronaut.server.port", -1),
                Map.entry("micronaut.server.host", "127.0.0.1"),
                Map.entry(Management.PROPERTY, Management.CREDENTIALS.userInfo()),
                Map.entry("understudy.health.port", ports.app()),
                Map.entry("understudy.health.path", "/health"),
                Map.entry("understudy.health.interval", "100ms"),
                Map.entry("understudy.health.timeout", "300ms"),
                Map.entry("understudy.health.stable-period", "1s"),
                Map.entry("understudy.health.replica-id", REPLICA),
                Map.entry("understudy.health.zone", ZONE),
                Map.entry("understudy.health.quorum.application-id", "health-monitor-quorum-test-" + UUID.randomUUID()),
                Map.entry("understudy.health.quorum.state-dir", Infrastructure.workDir("health-quorum-state").toString()))));
    }

    @AfterAll
    static void stopMonitor() {
        if (monitor != null) {
            monitor.getApplicationContext().close();
        }
    }

    @AfterEach
    void removeEnvironments() {
        environments.forEach(HealthMonitorApplicationIT::delete);
        instances.forEach(AppInstance::close);
    }

    @Test
    void declares_a_killed_master_failed_exactly_once_and_nothing_else() {
        String env = environmentId();
        AppInstance master = startInstance();
        AppInstance slave = startInstance();
        String booting = NETWORK + nextHost++;
        publish(env, running("i-master", Role.APP_MASTER, master.privateAddress()),
                running("i-slave", Role.APP_SLAVE, slave.privateAddress()),
                instance("i-booting", Role.APP_SLAVE, InstanceStatus.BOOTING, booting));
        awaitProbed(master, 2);
        awaitProbed(slave, 2);

        Instant killed = Instant.now();
        master.kill();
        List<ConsumerRecord<String, SpecificRecord>> seen = healthEvents(env, events -> count(events, InstanceFailed.class, "i-master") >= 1);
        long slaveProbesAtDetection = probes(slave);
        await().atMost(DEADLINE).until(() -> probes(slave) >= slaveProbesAtDetection + LATER_ROUNDS);
        List<ConsumerRecord<String, SpecificRecord>> events = healthEventsSoFar(env);

        assertThat(seen).isNotEmpty();
        assertThat(events).allSatisfy(r -> assertThat(r.key()).isEqualTo(env));
        assertThat(events).extracting(r -> instanceId(r.value())).containsOnly("i-master");
        assertThat(count(events, InstanceFailed.class, "i-master")).isEqualTo(1);
        assertThat(count(events, InstanceSuspected.class, "i-master")).isEqualTo(1);
        InstanceFailed failed = events.stream().map(ConsumerRecord::value)
                .filter(InstanceFailed.class::isInstance).map(InstanceFailed.class::cast).findFirst().orElseThrow();
        assertThat(failed.getConsecutiveFailures()).isPositive();
        assertThat(failed.getReason()).startsWith("1 of 1 observers suspect it (1 required); " + REPLICA + ": phi ")
                .contains("connection refused");
        assertThat(failed.getPhi()).isGreaterThanOrEqualTo(8.0);
        assertThat(failed.getLastHealthyAt()).isNotNull().isBefore(failed.getMeta().getOccurredAt());
        assertThat(failed.getObserver()).isEqualTo(REPLICA);
        assertThat(failed.getAgreeingObservers()).containsExactly(REPLICA);
        assertThat(failed.getQuorum()).as("a lone replica decides alone").isEqualTo(1);
        // the detector's decision time, taken from the probe results; printed, not asserted: timing belongs in the benchmark
        System.out.printf("killed master declared failed %d ms after its last good probe (%d ms after the kill began)%n",
                Duration.between(failed.getLastHealthyAt(), failed.getMeta().getOccurredAt()).toMillis(),
                Duration.between(killed, failed.getMeta().getOccurredAt()).toMillis());
        assertThat(failed.getMeta().getEnvironmentId()).isEqualTo(env);
        assertThat(failed.getMeta().getProducer()).isEqualTo("health-monitor/" + REPLICA);
        assertThat(failed.getMeta().getCausationId()).isNull();
        assertThat(failed.getMeta().getOccurredAt()).isAfter(Instant.now().minus(DEADLINE.multipliedBy(2)));
    }

    @Test
    void reports_recovery_when_a_failed_instance_answers_again() {
        String env = environmentId();
        AppInstance slave = startInstance();
        publish(env, running("i-slave", Role.APP_SLAVE, slave.privateAddress()));
        awaitProbed(slave, 2);

        slave.kill();
        healthEvents(env, events -> count(events, InstanceFailed.class, "i-slave") == 1);
        AppInstance restarted = startInstance(slave.privateAddress());

        List<ConsumerRecord<String, SpecificRecord>> events =
                healthEvents(env, all -> count(all, InstanceRecovered.class, "i-slave") == 1);

        InstanceRecovered recovered = events.stream().map(ConsumerRecord::value)
                .filter(InstanceRecovered.class::isInstance).map(InstanceRecovered.class::cast).findFirst().orElseThrow();
        assertThat(recovered.getObserver()).isEqualTo(REPLICA);
        assertThat(recovered.getReason()).contains("stable for 1s");
        assertThat(probes(restarted)).isPositive();
    }

    @Test
    void stops_probing_an_instance_that_is_fenced() {
        String env = environmentId();
        AppInstance master = startInstance();
        AppInstance slave = startInstance();
        publish(env, running("i-master", Role.APP_MASTER, master.privateAddress()),
                running("i-slave", Role.APP_SLAVE, slave.privateAddress()));
        awaitProbed(master, 2);
        awaitProbed(slave, 2);

        publish(env, instance("i-master", Role.APP_MASTER, InstanceStatus.FENCED, master.privateAddress()),
                running("i-slave", Role.APP_SLAVE, slave.privateAddress()));

        awaitNoLongerProbed(master, slave);
        assertThat(healthEventsSoFar(env)).isEmpty();
    }

    @Test
    void stops_probing_the_instances_of_a_deleted_environment() {
        String deleted = environmentId();
        String kept = environmentId();
        AppInstance gone = startInstance();
        AppInstance staying = startInstance();
        publish(deleted, running("i-gone", Role.APP_MASTER, gone.privateAddress()));
        publish(kept, running("i-staying", Role.APP_MASTER, staying.privateAddress()));
        awaitProbed(gone, 2);
        awaitProbed(staying, 2);

        delete(deleted);

        awaitNoLongerProbed(gone, staying);
        assertThat(healthEventsSoFar(deleted)).isEmpty();
    }

    @Test
    void answers_on_health_and_prometheus() throws Exception {
        HttpResponse<String> status = Management.get(monitor.getURI().resolve("/health"), null);
        HttpResponse<String> health = Management.get(monitor.getURI().resolve("/health"));
        HttpResponse<String> prometheus = Management.get(monitor.getURI().resolve("/prometheus"));

        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).as("details only with the management credentials").isEqualTo("{\"status\":\"UP\"}");
        assertThat(Management.get(monitor.getURI().resolve("/prometheus"), null).statusCode()).isEqualTo(401);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"health-monitor\"", "\"quorum\"", "\"observing\"", "\"zone\":\"" + ZONE + "\"",
                "\"self-suspicion\":\"trusts its view: ");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("understudy_health_watched_instances", "understudy_health_probes_total",
                "understudy_health_verdicts_total", "understudy_health_self_suspicion", "understudy_health_quorum_replicas",
                "understudy_health_quorum_zones");
        // the quorum's membership carries each replica's zone; the reporter looks at it every report interval
        await().atMost(DEADLINE).until(() -> Management.get(monitor.getURI().resolve("/health")).body()
                .contains("\"live-replicas\":\"1 in zones " + ZONE + "\""));
    }

    private AppInstance startInstance() {
        return startInstance(NETWORK + nextHost++);
    }

    private AppInstance startInstance(String address) {
        AppInstance instance = AppInstance.start(Infrastructure.workDir("app-instance"), address, ports);
        instances.add(instance);
        return instance;
    }

    /** HTTP requests the instance's app server has answered: only the monitor sends it any. */
    private static long probes(AppInstance instance) {
        String[] lines = instance.runtime().send("show stat").split("\n");
        List<String> header = Arrays.asList(lines[0].replaceFirst("^# ", "").split(","));
        int requests = header.indexOf("req_tot");
        return Arrays.stream(lines)
                .map(line -> line.split(","))
                .filter(fields -> fields.length > requests && fields[0].equals(APP_FRONTEND) && fields[1].equals("FRONTEND"))
                .mapToLong(fields -> Long.parseLong(fields[requests]))
                .findFirst().orElseThrow(() -> new AssertionError("no " + APP_FRONTEND + " in show stat of " + instance));
    }

    /** Converges only once the first instance's count stands still while the second's keeps growing. */
    private static void awaitNoLongerProbed(AppInstance stopped, AppInstance stillProbed) {
        long[] baseline = {probes(stopped), probes(stillProbed)};
        await().atMost(DEADLINE).until(() -> {
            long stoppedNow = probes(stopped);
            long stillNow = probes(stillProbed);
            if (stoppedNow != baseline[0]) {
                baseline[0] = stoppedNow;
                baseline[1] = stillNow;
            }
            return stillNow - baseline[1] >= LATER_ROUNDS;
        });
    }

    /** Two answered probes: the monitor sends the second only after it has judged the first. */
    private static void awaitProbed(AppInstance instance, int times) {
        await().atMost(DEADLINE).until(() -> probes(instance) >= times);
    }

    private static List<ConsumerRecord<String, SpecificRecord>> healthEvents(
            String env, Predicate<List<ConsumerRecord<String, SpecificRecord>>> until) {
        List<ConsumerRecord<String, SpecificRecord>> all = TopicRecords.of(Topic.HEALTH_EVENTS)
                .await(records -> until.test(ofEnvironment(records, env)), DEADLINE);
        return ofEnvironment(all, env);
    }

    private static List<ConsumerRecord<String, SpecificRecord>> ofEnvironment(List<ConsumerRecord<String, SpecificRecord>> records, String env) {
        return records.stream().filter(r -> env.equals(r.key())).toList();
    }

    /** Everything on the health topic up to its end as of now: to show that something did not happen. */
    private static List<ConsumerRecord<String, SpecificRecord>> healthEventsSoFar(String env) {
        return HealthTopic.soFar(env);
    }

    private static long count(List<ConsumerRecord<String, SpecificRecord>> events, Class<?> type, String instanceId) {
        return events.stream().filter(r -> type.isInstance(r.value()) && instanceId.equals(instanceId(r.value()))).count();
    }

    private static String instanceId(SpecificRecord event) {
        return String.valueOf(event.get(event.getSchema().getField("instanceId").pos()));
    }

    /** A tombstone: the environment is gone from the compacted state topic. */
    private static void delete(String env) {
        TopicRecords.of(Topic.ENVIRONMENT_STATE).sendRaw(env.getBytes(StandardCharsets.UTF_8), null);
    }

    private void publish(String env, Instance... instances) {
        environments.add(env);
        WatchedEnvironments.publish(env, List.of(instances));
    }

    private static Instance running(String id, Role role, String address) {
        return instance(id, role, InstanceStatus.RUNNING, address);
    }

    private static Instance instance(String id, Role role, InstanceStatus status, String address) {
        return Instance.newBuilder().setInstanceId(id).setRole(role).setStatus(status).setPrivateAddress(address)
                .setAvailabilityZone("us-east-1a").setStackVersion("stack-1").setImageId("ami-12c6146b").build();
    }

    private static String environmentId() {
        return "env-" + UUID.randomUUID();
    }
}
