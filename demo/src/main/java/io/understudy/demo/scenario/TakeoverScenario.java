package io.understudy.demo.scenario;

import io.understudy.demo.environment.DemoEnvironment;
import io.understudy.demo.environment.EnvironmentPlan;
import io.understudy.demo.instance.SandboxPorts;
import io.understudy.demo.live.LiveView;
import io.understudy.demo.polling.Polling;
import io.understudy.demo.summary.Aftermath;
import io.understudy.demo.summary.DemoSummary;
import io.understudy.demo.summary.TrafficFigures;
import io.understudy.demo.takeover.TakeoverNews;
import io.understudy.demo.takeover.TakeoverTimeline;
import io.understudy.demo.traffic.AppHttp;
import io.understudy.demo.traffic.Traffic;
import io.understudy.demo.traffic.TrafficLog;
import io.understudy.demo.traffic.WriteAudit;
import io.understudy.invariants.InvariantChecker;

import java.io.PrintStream;
import java.time.Duration;
import java.util.UUID;

import static io.understudy.demo.polling.Polling.await;

/**
 * The demo's story: build an environment, put it under Understudy's watch, send traffic through its Elastic IP,
 * crash the master, follow the takeover live, then read back every acknowledged write and look at what the
 * environment became. The invariant checker samples the environment from its creation to that last look. The
 * cloud and Understudy are ports; the users are HTTP clients of the application.
 */
public final class TakeoverScenario {
    private static final Duration READY = Duration.ofSeconds(60);

    private final Cloud cloud;
    private final Understudy understudy;
    private final PrintStream out;
    private final AppHttp http = new AppHttp();

    public TakeoverScenario(Cloud cloud, Understudy understudy, PrintStream out) {
        this.cloud = cloud;
        this.understudy = understudy;
        this.out = out;
    }

    public ScenarioResult run(EnvironmentPlan plan, ScenarioSettings settings) throws Exception {
        DemoEnvironment environment = build(plan);
        try (InvariantChecker invariants = cloud.watchInvariants(environment)) {
            say("sampling " + environment.id() + " every " + InvariantChecker.INTERVAL.toMillis()
                    + " ms for two masters at once, or the Elastic IP on a fenced instance");
            return takeOver(environment, settings, invariants);
        }
    }

    private ScenarioResult takeOver(DemoEnvironment environment, ScenarioSettings settings, InvariantChecker invariants)
            throws Exception {
        understudy.watch(environment, READY);
        say("Understudy watches " + environment.id() + "; traffic: " + settings.clients() + " clients through the Elastic IP "
                + environment.publicIp());

        TakeoverTimeline timeline = new TakeoverTimeline();
        LiveView view = new LiveView(out, timeline);
        TrafficLog log = new TrafficLog(view::request);
        String master = environment.master().instanceId();
        long killedAt;
        try (AutoCloseable feed = understudy.follow(environment.id(), view::show);
             Traffic traffic = Traffic.start(environment.publicUrl(SandboxPorts.PROXY), settings.clients(), settings.pauseMillis(), log)) {
            long trafficStarted = System.currentTimeMillis();
            understudy.awaitSeenHealthy(environment.instances().size(), READY);
            holdFor(settings.trafficBeforeKill().toMillis() - (System.currentTimeMillis() - trafficStarted));
            say("killing the master " + master + " (" + log.requests().size() + " requests so far, "
                    + log.acknowledgedWrites().size() + " writes acknowledged)");
            cloud.crash(master);
            // stamped once the process group is dead, so no request sent after it reached the old master
            killedAt = System.currentTimeMillis();
            view.killed(master, killedAt);
            awaitEnd(timeline, settings.takeoverDeadline());
            cloud.awaitSettled(environment, replacement(timeline), READY);
            holdFor(settings.trafficAfterTakeover().toMillis());
        }
        return conclude(environment, timeline, log, killedAt, invariants);
    }

    private DemoEnvironment build(EnvironmentPlan plan) {
        String id = "demo-" + UUID.randomUUID().toString().substring(0, 8);
        say("creating environment " + id + ": a master and " + plan.requiredCapacity() + " slaves on stack "
                + plan.stackVersion() + " (capacity " + plan.requiredCapacity() + " + 1 spare)");
        DemoEnvironment environment = cloud.build(id, plan);
        environment.instances().forEach(i -> say("  " + (i.master() ? "master " : "slave  ") + i.instanceId() + " at "
                + i.privateAddress() + " in " + i.zone()));
        return environment;
    }

    private ScenarioResult conclude(DemoEnvironment environment, TakeoverTimeline timeline, TrafficLog log, long killedAt,
                                    InvariantChecker invariants) throws InterruptedException {
        say("reading back " + log.acknowledgedWrites().size() + " acknowledged writes through the Elastic IP");
        WriteAudit.Result audit = new WriteAudit(http, environment.publicUrl(SandboxPorts.PROXY),
                environment.requiredCapacity() + 1).check(log.acknowledgedWrites());
        Aftermath aftermath = cloud.aftermath(environment, replacement(timeline));
        // stopped only now, so that its figures cover the run up to the last look at the environment
        invariants.close();
        DemoSummary summary = DemoSummary.of(new DemoSummary.Facts(environment.id(), environment.stackVersion(),
                        environment.requiredCapacity(), environment.master().instanceId(), killedAt),
                timeline, TrafficFigures.of(log.requests(), killedAt), audit.lost().size(), aftermath, invariants.report());
        return new ScenarioResult(environment, summary, log.requests());
    }

    private static String replacement(TakeoverTimeline timeline) {
        return timeline.ended().map(TakeoverNews.TakeoverEnded::replacementInstanceId).orElse(null);
    }

    private static void awaitEnd(TakeoverTimeline timeline, Duration deadline) {
        try {
            await("the takeover to end").atMost(deadline).pollInterval(Duration.ofMillis(100))
                    .until(() -> timeline.ended().isPresent());
        } catch (Polling.TimedOut e) {
            // the summary reports a takeover that did not complete
        }
    }

    /** Lets the traffic run on: these seconds are what the demo shows, not a wait for something to happen. */
    private static void holdFor(long millis) throws InterruptedException {
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private void say(String text) {
        out.println("==> " + text);
        out.flush();
    }
}
