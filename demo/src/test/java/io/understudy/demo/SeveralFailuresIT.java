package io.understudy.demo;

import io.understudy.contract.EnvironmentState;
import io.understudy.contract.Instance;
import io.understudy.contract.InstanceStatus;
import io.understudy.contract.Role;
import io.understudy.demo.cloud.SandboxBackedCloud;
import io.understudy.demo.environment.AppInstance;
import io.understudy.demo.environment.DemoEnvironment;
import io.understudy.demo.environment.EnvironmentPlan;
import io.understudy.demo.instance.SandboxPorts;
import io.understudy.demo.kafka.Registration;
import io.understudy.demo.process.Jars;
import io.understudy.demo.scenario.Understudy;
import io.understudy.demo.summary.Aftermath;
import io.understudy.demo.summary.TrafficFigures;
import io.understudy.demo.takeover.TakeoverNews;
import io.understudy.demo.traffic.AppHttp;
import io.understudy.demo.traffic.Traffic;
import io.understudy.demo.traffic.TrafficLog;
import io.understudy.demo.traffic.WriteAudit;
import io.understudy.invariants.InvariantChecker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failures come in bursts: two instances of one environment (a master and three slaves across three zones, as in the
 * demo) are killed about 100 ms apart, in each order, on the sandbox with the six services as processes. Every time
 * the master is taken over, the Elastic IP answers through the new master with every acknowledged write, N+1 app
 * instances run again, no takeover is left hanging, and the invariant checker, sampling the whole run, saw no second
 * master. Prints each ordering's time from the master's kill to the first good answer through the Elastic IP.
 */
class SeveralFailuresIT {
    private static final Duration READY = Duration.ofSeconds(60);
    private static final Duration SETTLED = Duration.ofSeconds(180);
    private static final Duration WARM_UP = Duration.ofSeconds(7);
    /** How far apart the two kills are: a burst, as a zone or a rack takes them. */
    private static final long APART_MILLIS = 100;
    private static final AppHttp HTTP = new AppHttp();
    private static final List<String> FIGURES = new CopyOnWriteArrayList<>();

    private static DemoRun run;
    private static SandboxBackedCloud cloud;
    private static Understudy understudy;
    private static int watched;

    /** Who dies, first and second, in terms of the environment; the candidate is the saga's: the lowest slave id. */
    enum Ordering {
        SLAVE_THEN_MASTER(e -> List.of(lastSlave(e), e.master().instanceId())),
        MASTER_THEN_SLAVE(e -> List.of(e.master().instanceId(), lastSlave(e))),
        TWO_SLAVES(e -> List.of(lastSlave(e), slavesById(e).get(1).instanceId())),
        MASTER_THEN_ITS_CANDIDATE(e -> List.of(e.master().instanceId(), candidate(e)));

        final Function<DemoEnvironment, List<String>> victims;

        Ordering(Function<DemoEnvironment, List<String>> victims) {
            this.victims = victims;
        }
    }

    @BeforeAll
    static void startEverything() throws Exception {
        Jars jars = Jars.findRoot();
        run = DemoRun.start(jars, jars.root().resolve("demo").resolve("target").resolve("several-failures-it"), false, System.out);
        cloud = run.cloud();
        understudy = run.understudy();
    }

    @AfterAll
    static void stopEverything() {
        FIGURES.forEach(System.out::println);
        if (run != null) {
            run.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Ordering.class)
    void twoInstancesKilledAboutAHundredMillisecondsApart(Ordering ordering) throws Exception {
        DemoEnvironment environment = cloud.build("burst-" + UUID.randomUUID().toString().substring(0, 8), EnvironmentPlan.DEMO);
        List<String> victims = ordering.victims.apply(environment);
        List<TakeoverNews> news = new CopyOnWriteArrayList<>();
        TrafficLog log = new TrafficLog();
        Kills kills;
        try (InvariantChecker invariants = cloud.watchInvariants(environment);
             AutoCloseable feed = understudy.follow(environment.id(), news::add)) {
            understudy.watch(environment, READY);
            watched += environment.instances().size();
            understudy.awaitSeenHealthy(watched, READY);
            try (Traffic traffic = Traffic.start(environment.publicUrl(SandboxPorts.PROXY), 2, 50, log)) {
                // as in the demo: traffic for a while first, so that the monitor's quorum has heard its observers long
                // enough to count who is live (its observer timeout, 5 s) and detection runs at its everyday speed
                await("acknowledged writes over the warm-up before the kills").atMost(READY).pollInterval(Duration.ofMillis(100))
                        .until(() -> log.acknowledgedWrites().size() >= 10 && trafficFor(log).compareTo(WARM_UP) >= 0);
                kills = killApart(victims, environment.master().instanceId());
                EnvironmentState settled = awaitSettled(environment, victims, invariants);
                String master = runningMaster(settled);
                assertThat(run.ec2().elasticIpHolder(environment.allocationId())).as("EC2's association").isEqualTo(master);
                await("a good answer through the Elastic IP after the kills").atMost(READY).pollInterval(Duration.ofMillis(100))
                        .until(() -> log.requests().stream().anyMatch(r -> r.ok() && r.sentAt() > settled.getUpdatedAt().toEpochMilli()));
            }
            invariants.close();
            Aftermath after = cloud.aftermath(environment, null);
            String master = runningMaster(registration().awaitState(environment.id(), s -> true, READY).orElseThrow());
            assertThat(after.elasticIpAnsweredBy()).as("the instance writes through the Elastic IP reach").isEqualTo(master);
            assertThat(after.instancesRunningCron()).as("instances running cron").isEqualTo(1);
            assertThat(after.appInstancesRunning()).as("app instances serving (N+1)").isGreaterThanOrEqualTo(environment.requiredCapacity() + 1);
            assertThat(new WriteAudit(HTTP, environment.publicUrl(SandboxPorts.PROXY), environment.requiredCapacity() + 1)
                    .check(log.acknowledgedWrites()).lost()).as("acknowledged writes lost").isEmpty();
            if (ordering == Ordering.MASTER_THEN_ITS_CANDIDATE) {
                assertThat(news).as("the candidate killed is the takeover's first candidate")
                        .filteredOn(n -> n instanceof TakeoverNews.TakeoverBegan b && b.kind().equals("MASTER_TAKEOVER"))
                        .first().satisfies(n -> assertThat(((TakeoverNews.TakeoverBegan) n).candidateInstanceId()).isEqualTo(victims.get(1)));
            }
            invariants.assertHeld();
            long from = kills.master() >= 0 ? kills.master() : kills.first();
            TrafficFigures traffic = TrafficFigures.of(log.requests(), from);
            String answer = traffic.firstGoodAnswerAt().isPresent()
                    ? (traffic.firstGoodAnswerAt().getAsLong() - from) + " ms after the " + (kills.master() >= 0 ? "master's" : "first")
                    + " kill" : "never";
            FIGURES.add(String.format("%-26s killed %s %d ms apart; first good answer through the Elastic IP %s; "
                            + "%d of %d requests failed (%d in the window); 0 of %d acknowledged writes lost; new master %s; %s",
                    ordering, victims, kills.apart(), answer, traffic.failed(), traffic.requests(), traffic.failedInWindow(),
                    log.acknowledgedWrites().size(), master, invariants.report().line()));
            System.out.println(FIGURES.get(FIGURES.size() - 1));
        }
    }

    /** When the first and the last victim died, and the master (-1: it did not). */
    private record Kills(long first, long last, long master) {
        long apart() {
            return last - first;
        }
    }

    /** Kills the first, then about 100 ms later the second, each once its process group is dead. */
    private static Kills killApart(List<String> victims, String master) throws InterruptedException {
        long first = 0;
        long last = 0;
        long masterKilledAt = -1;
        for (int i = 0; i < victims.size(); i++) {
            if (i > 0) {
                Thread.sleep(APART_MILLIS); // the burst itself: the second failure comes this much after the first
            }
            cloud.crash(victims.get(i));
            last = System.currentTimeMillis();
            first = i == 0 ? last : first;
            masterKilledAt = victims.get(i).equals(master) ? last : masterKilledAt;
        }
        return new Kills(first, last, masterKilledAt);
    }

    /**
     * The orchestrator's books once all is done: nothing in flight, a running master that is none of the dead, every
     * dead instance fenced (or terminated), N+1 app instances running. Fails at once if a promise broke meanwhile.
     */
    private static EnvironmentState awaitSettled(DemoEnvironment environment, List<String> victims, InvariantChecker invariants) {
        long deadline = System.nanoTime() + SETTLED.toNanos();
        while (System.nanoTime() < deadline) {
            invariants.firstViolation().ifPresent(v -> {
                throw new AssertionError("invariant broken: " + v);
            });
            var state = registration().awaitState(environment.id(), s -> settled(s, victims, environment.requiredCapacity() + 1),
                    Duration.ofSeconds(5));
            if (state.isPresent()) {
                return state.get();
            }
        }
        EnvironmentState last = registration().awaitState(environment.id(), s -> true, READY).orElseThrow();
        throw new AssertionError("the environment did not settle within " + SETTLED + " after killing " + victims
                + "; the orchestrator's last state: takeovers " + last.getTakeovers() + ", instances " + last.getInstances());
    }

    private static boolean settled(EnvironmentState state, List<String> victims, int appInstances) {
        boolean dead = state.getInstances().stream().filter(i -> victims.contains(i.getInstanceId()))
                .allMatch(i -> Set.of(InstanceStatus.FENCED, InstanceStatus.TERMINATED).contains(i.getStatus()));
        long running = state.getInstances().stream().filter(i -> i.getStatus() == InstanceStatus.RUNNING
                && (i.getRole() == Role.APP_MASTER || i.getRole() == Role.APP_SLAVE)).count();
        String master = state.getInstances().stream().filter(SeveralFailuresIT::isRunningMaster).map(Instance::getInstanceId)
                .findFirst().orElse(null);
        return state.getTakeovers().isEmpty() && dead && running == appInstances && master != null && !victims.contains(master);
    }

    private static String runningMaster(EnvironmentState state) {
        List<String> masters = state.getInstances().stream().filter(SeveralFailuresIT::isRunningMaster)
                .map(Instance::getInstanceId).toList();
        assertThat(masters).as("running masters in the orchestrator's books").hasSize(1);
        return masters.get(0);
    }

    private static boolean isRunningMaster(Instance instance) {
        return instance.getRole() == Role.APP_MASTER && instance.getStatus() == InstanceStatus.RUNNING;
    }

    /** How long the traffic has been going: from its first request to now. */
    private static Duration trafficFor(TrafficLog log) {
        long first = log.requests().stream().mapToLong(r -> r.sentAt()).min().orElse(System.currentTimeMillis());
        return Duration.ofMillis(System.currentTimeMillis() - first);
    }

    private static Registration registration() {
        return new Registration(run.kafka());
    }

    private static List<AppInstance> slavesById(DemoEnvironment environment) {
        List<AppInstance> slaves = new ArrayList<>(environment.slaves());
        slaves.sort(Comparator.comparing(AppInstance::instanceId));
        return slaves;
    }

    private static String candidate(DemoEnvironment environment) {
        return slavesById(environment).get(0).instanceId();
    }

    private static String lastSlave(DemoEnvironment environment) {
        List<AppInstance> slaves = slavesById(environment);
        return slaves.get(slaves.size() - 1).instanceId();
    }
}
