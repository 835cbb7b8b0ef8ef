package io.understudy.system;

import io.understudy.contract.EnvironmentPaused;
import io.understudy.contract.EnvironmentState;
import io.understudy.contract.HealthObservation;
import io.understudy.contract.InstanceFailed;
import io.understudy.contract.InstanceStatus;
import io.understudy.contract.ObserverSelfSuspicion;
import io.understudy.contract.TakeoverCompleted;
import io.understudy.contract.TakeoverFailed;
import io.understudy.contract.TakeoverKind;
import io.understudy.contract.TakeoverStarted;
import io.understudy.contract.TakeoverStepStarted;
import io.understudy.schemas.topic.Topic;
import io.understudy.testing.FreePorts;
import io.understudy.testing.NetworkCut;
import io.understudy.testing.TopicRecords;
import io.understudy.testing.services.ServiceEnvironment;
import io.understudy.testing.services.ServiceProcess;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Never fence a healthy master on a partial view: health monitors cut off from healthy instances by a real packet
 * filter (their own network failing) suspect themselves and fence nothing; a monitor cut off from a healthy master
 * alone declares it failed, and the second opinion from proxy-configurator's vantage refutes it before anything is
 * fenced. And an operator's pause from the CLI: a real failure while paused is recorded and nothing is fenced or
 * moved until resume, which takes it over. The orchestrator and the executing services run as processes throughout;
 * each test starts its own monitors. The invariant checker samples every environment for the whole suite.
 */
class SafetyIT {
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    /** Reports of every instance each cut-off monitor must make after suspecting itself before "nothing" means something. */
    private static final int REPORTS_AFTER_SELF_SUSPICION = 5;

    @RegisterExtension
    static final UnderstudyRun run = UnderstudyRun.allButTheMonitor(workDir());
    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopThisTestsMonitorsAndCuts() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @ParameterizedTest(name = "{0} monitor(s) cut off")
    @ValueSource(ints = {1, 3})
    void monitorsCutOffFromHealthyInstancesSuspectThemselvesAndFenceNothing(int replicas) throws Exception {
        TestEnvironment environment = watchedEnvironment();
        NetworkCut cut = NetworkCut.create("safety-monitors");
        started.add(cut);
        List<String> monitors = startMonitors(replicas, cut);
        awaitSeenUp(environment, monitors);

        long cutAt = System.currentTimeMillis();
        run.environments().forEach(e -> e.addresses.values().forEach(cut::cut));
        Map<String, Instant> selfSuspected = awaitSelfSuspicion(environment, monitors, true);
        awaitReportsAfter(environment, selfSuspected);

        assertThat(forEnvironment(Topic.HEALTH_EVENTS, environment)).as("failures declared while cut off")
                .noneMatch(r -> r instanceof InstanceFailed);
        assertThat(forEnvironment(Topic.TAKEOVER_EVENTS, environment)).as("takeovers while the monitors were cut off")
                .noneMatch(r -> r instanceof TakeoverStarted);
        assertUntouched(environment);
        selfSuspected.forEach((monitor, at) -> System.out.printf("%s: self-suspicion %d ms after the cut%n", monitor,
                at.toEpochMilli() - cutAt));

        cut.heal();
        awaitSelfSuspicion(environment, monitors, false);
        run.invariants().assertHeld();
    }

    @Test
    void aMonitorCutOffFromAHealthyMasterHasTheFailureRefutedAndNothingIsFenced() throws Exception {
        TestEnvironment environment = watchedEnvironment();
        NetworkCut cut = NetworkCut.create("safety-master");
        started.add(cut);
        List<String> monitors = startMonitors(1, cut);
        awaitSeenUp(environment, monitors);

        cut.cut(environment.addresses.get(environment.masterId));
        TopicRecords.of(Topic.HEALTH_EVENTS).await(all -> forEnvironment(all, environment).stream()
                .anyMatch(r -> r instanceof InstanceFailed f && f.getInstanceId().equals(environment.masterId)), DEADLINE);
        List<SpecificRecord> events = forEnvironment(TopicRecords.of(Topic.TAKEOVER_EVENTS).await(all -> forEnvironment(all, environment)
                .stream().anyMatch(r -> r instanceof TakeoverFailed), DEADLINE), environment);

        TakeoverFailed failed = events.stream().filter(r -> r instanceof TakeoverFailed).map(TakeoverFailed.class::cast)
                .findFirst().orElseThrow();
        assertThat(failed.getReason()).as("why the takeover ended").contains("refuted by a second opinion");
        assertThat(events).as("steps started").filteredOn(r -> r instanceof TakeoverStepStarted)
                .extracting(r -> ((TakeoverStepStarted) r).getStep()).doesNotContain("fence", "pivot");
        assertUntouched(environment);
        run.invariants().assertHeld();
    }

    @Test
    void aFailureWhilePausedFromTheCliIsRecordedAndTakenOverOnlyOnResume() throws Exception {
        TestEnvironment environment = watchedEnvironment();
        List<String> monitors = startMonitors(1, null);
        awaitSeenUp(environment, monitors);

        Cli.Run pause = Cli.run(run.infrastructure(), "pause", "--env", environment.id, "--reason", "system test", "--wait");
        assertThat(pause.exit()).as(pause.output()).isZero();
        environment.apps.get(environment.masterId).kill();
        await("the master recorded failed").atMost(DEADLINE).pollInterval(Duration.ofMillis(250))
                .until(() -> masterStatus(environment) == InstanceStatus.FAILED);
        await("nothing fenced or moved while paused").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
                .pollInterval(Duration.ofMillis(250)).until(() -> untouched(environment));
        assertThat(forEnvironment(Topic.TAKEOVER_EVENTS, environment)).as("public events while paused")
                .anyMatch(r -> r instanceof EnvironmentPaused).noneMatch(r -> r instanceof TakeoverStarted);
        Cli.Run status = Cli.run(run.infrastructure(), "status", "--env", environment.id);
        assertThat(status.output()).contains("PAUSED").containsPattern(environment.masterId + " +app_master +FAILED");

        long resumedAt = System.currentTimeMillis();
        Cli.Run resume = Cli.run(run.infrastructure(), "resume", "--env", environment.id, "--wait");
        assertThat(resume.exit()).as(resume.output()).isZero();
        TakeoverCompleted completed = forEnvironment(TopicRecords.of(Topic.TAKEOVER_EVENTS).await(all -> forEnvironment(all, environment)
                .stream().anyMatch(r -> r instanceof TakeoverCompleted), DEADLINE), environment).stream()
                .filter(r -> r instanceof TakeoverCompleted).map(TakeoverCompleted.class::cast).findFirst().orElseThrow();

        assertThat(completed.getKind()).isEqualTo(TakeoverKind.MASTER_TAKEOVER);
        assertThat(environment.slaveIds).contains(completed.getNewMasterInstanceId());
        assertThat(elasticIpHolder(environment)).isEqualTo(completed.getNewMasterInstanceId());
        Instance former = instance(environment.masterId);
        assertThat(former.state().nameAsString()).isEqualTo("stopped");
        assertThat(tag(former, "understudy:role")).as("the fenced master's role").isEqualTo("fenced");
        System.out.printf("resumed: takeover completed %d ms after the resume was asked for%n",
                completed.getMeta().getOccurredAt().toEpochMilli() - resumedAt);
        run.invariants().assertHeld();
    }

    private static Path workDir() {
        return Repository.target().resolve("safety-it");
    }

    private static TestEnvironment watchedEnvironment() throws Exception {
        TestEnvironment environment = run.newEnvironment();
        TopicRecords.of(Topic.OPERATOR_COMMANDS).send(environment.id, environment.registration());
        TopicRecords.awaitWatched(environment.id, DEADLINE);
        return environment;
    }

    /**
     * This test's health monitors, one quorum of their own: one replica deciding alone, or three in three zones of
     * which two, in two zones, must agree.
     */
    private List<String> startMonitors(int replicas, NetworkCut group) throws Exception {
        // the monitor's principal may run quorums whose application id starts with its name
        String quorum = "health-monitor-safety-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        List<ServiceProcess> monitors = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            String id = quorum + "-" + (char) ('a' + i);
            Map<String, String> environment = new HashMap<>(UnderstudyServices.environment(run.infrastructure(), run.ports(), workDir()));
            environment.put("UNDERSTUDY_HEALTH_REPLICA_ID", id);
            environment.put("UNDERSTUDY_HEALTH_QUORUM_APPLICATION_ID", quorum);
            environment.put("UNDERSTUDY_HEALTH_QUORUM_STATE_DIR", workDir().resolve("quorum-state").resolve(id).toString());
            if (replicas > 1) {
                environment.put("UNDERSTUDY_HEALTH_ZONE", "us-east-1" + (char) ('a' + i));
                environment.put("UNDERSTUDY_HEALTH_QUORUM_AGREE", "2");
                environment.put("UNDERSTUDY_HEALTH_QUORUM_MIN_AGREE", "2");
            }
            ServiceProcess monitor = ServiceProcess.start("health-monitor", FreePorts.pick(),
                    ServiceEnvironment.forModule(environment, run.infrastructure(), "health-monitor"), workDir().resolve("logs"), id, group);
            started.add(monitor);
            monitors.add(monitor);
            ids.add(id);
        }
        monitors.forEach(m -> m.awaitHealthy(DEADLINE));
        return ids;
    }

    /** Every monitor has seen every instance of the environment answer. */
    private static void awaitSeenUp(TestEnvironment environment, List<String> monitors) {
        TopicRecords.of(Topic.HEALTH_OBSERVATIONS).await(all -> monitors.stream().allMatch(monitor ->
                environment.allInstances().stream().allMatch(instance -> observations(all, environment).stream()
                        .anyMatch(o -> o.getObserver().equals(monitor) && o.getInstanceId().equals(instance)
                                && o.getLastHealthyAt() != null))), DEADLINE);
    }

    private static Map<String, Instant> awaitSelfSuspicion(TestEnvironment environment, List<String> monitors, boolean suspects) {
        List<ObserverSelfSuspicion> said = forEnvironment(TopicRecords.of(Topic.HEALTH_EVENTS).await(all -> monitors.stream()
                .allMatch(m -> selfSuspicions(forEnvironment(all, environment)).stream()
                        .anyMatch(s -> s.getObserver().equals(m) && s.getSuspectsItself() == suspects)), DEADLINE), environment)
                .stream().filter(r -> r instanceof ObserverSelfSuspicion).map(ObserverSelfSuspicion.class::cast)
                .filter(s -> s.getSuspectsItself() == suspects).toList();
        Map<String, Instant> first = new HashMap<>();
        said.forEach(s -> first.putIfAbsent(s.getObserver(), s.getMeta().getOccurredAt()));
        return first;
    }

    /** Each monitor kept reporting every instance for a while after it suspected itself: it was watching, not gone. */
    private static void awaitReportsAfter(TestEnvironment environment, Map<String, Instant> since) {
        TopicRecords.of(Topic.HEALTH_OBSERVATIONS).await(all -> since.entrySet().stream().allMatch(e ->
                environment.allInstances().stream().allMatch(instance -> observations(all, environment).stream()
                        .filter(o -> o.getObserver().equals(e.getKey()) && o.getInstanceId().equals(instance)
                                && o.getMeta().getOccurredAt().isAfter(e.getValue()))
                        .count() >= REPORTS_AFTER_SELF_SUSPICION)), DEADLINE);
    }

    /** EC2 as before any failure: the master running with its role, the address on it, the slaves running. */
    private static void assertUntouched(TestEnvironment environment) {
        Instance master = instance(environment.masterId);
        assertThat(master.state().nameAsString()).as("the master's state").isEqualTo("running");
        assertThat(tag(master, "understudy:role")).as("the master's role tag").isEqualTo("app_master");
        assertThat(elasticIpHolder(environment)).as("the Elastic IP").isEqualTo(environment.masterId);
        for (String slave : environment.slaveIds) {
            assertThat(instance(slave).state().nameAsString()).as("state of the slave " + slave).isEqualTo("running");
        }
    }

    private static boolean untouched(TestEnvironment environment) {
        Instance master = instance(environment.masterId);
        return master.state().nameAsString().equals("running") && "app_master".equals(tag(master, "understudy:role"))
                && environment.masterId.equals(elasticIpHolder(environment));
    }

    private static InstanceStatus masterStatus(TestEnvironment environment) {
        return TopicRecords.of(Topic.ENVIRONMENT_STATE).sofar(DEADLINE).stream()
                .filter(r -> environment.id.equals(r.key()) && r.value() instanceof EnvironmentState)
                .map(r -> (EnvironmentState) r.value()).reduce((a, b) -> b.getRevision() >= a.getRevision() ? b : a)
                .flatMap(s -> s.getInstances().stream().filter(i -> i.getInstanceId().equals(environment.masterId)).findFirst())
                .map(io.understudy.contract.Instance::getStatus).orElse(InstanceStatus.UNKNOWN);
    }

    private static List<SpecificRecord> forEnvironment(Topic topic, TestEnvironment environment) {
        return forEnvironment(TopicRecords.of(topic).sofar(DEADLINE), environment);
    }

    private static List<SpecificRecord> forEnvironment(List<ConsumerRecord<String, SpecificRecord>> records,
                                                       TestEnvironment environment) {
        return TopicRecords.valuesFor(records, environment.id);
    }

    private static List<HealthObservation> observations(List<ConsumerRecord<String, SpecificRecord>> records,
                                                        TestEnvironment environment) {
        return forEnvironment(records, environment).stream().filter(r -> r instanceof HealthObservation)
                .map(HealthObservation.class::cast).toList();
    }

    private static List<ObserverSelfSuspicion> selfSuspicions(List<SpecificRecord> records) {
        return records.stream().filter(r -> r instanceof ObserverSelfSuspicion).map(ObserverSelfSuspicion.class::cast).toList();
    }

    private static String elasticIpHolder(TestEnvironment environment) {
        return run.infrastructure().ec2().describeAddresses(r -> r.allocationIds(environment.allocationId)).addresses().get(0).instanceId();
    }

    private static Instance instance(String instanceId) {
        return run.infrastructure().ec2().describeInstances(r -> r.instanceIds(instanceId)).reservations().get(0).instances().get(0);
    }

    private static String tag(Instance instance, String key) {
        return instance.tags().stream().filter(t -> t.key().equals(key)).map(Tag::value).findFirst().orElse(null);
    }
}
