package io.understudy.demo.summary;

import io.understudy.demo.takeover.StepSpan;
import io.understudy.demo.takeover.TakeoverNews;
import io.understudy.demo.takeover.TakeoverTimeline;
import io.understudy.invariants.Report;

import java.util.ArrayList;
import java.util.List;

/**
 * The demo's result: the figures the README promises and the checks that must hold. Durations are milliseconds
 * from the moment the master was killed; null where the moment never came.
 */
public record DemoSummary(
        String environmentId,
        String stackVersion,
        String killedMaster,
        String newMaster,
        String replacement,
        long killedAt,
        Long detectedAfterMillis,
        Long takeoverStartedAfterMillis,
        Long takeoverCompletedAfterMillis,
        Long firstGoodResponseAfterMillis,
        int requests,
        int failedRequests,
        int failedRequestsDuringWindow,
        int writesAcknowledged,
        int acknowledgedWritesLost,
        int instancesRunningCron,
        String elasticIpAnsweredBy,
        String replacementStackVersion,
        int appInstancesRunning,
        int requiredCapacity,
        Invariants invariants,
        List<Step> steps,
        List<String> problems) {

    /** One step attempt for the summary, times relative to the kill. */
    public record Step(String step, int attempt, long startedAfterMillis, Long durationMillis, String outcome) {
    }

    /**
     * What the invariant checker saw over the run: its good and failed samples, when the first and last good one
     * were taken (relative to the kill, null without any), its first violation and, when the run cannot be said to
     * have kept the promises, why (null when it can).
     */
    public record Invariants(long samples, long failedSamples, Long firstSampleAfterMillis, Long lastSampleAfterMillis,
                             String violation, String problem) {
        static Invariants of(Report report, long kill) {
            return new Invariants(report.samples(), report.failedSamples(),
                    report.firstSample() == null ? null : report.firstSample().toEpochMilli() - kill,
                    report.lastSample() == null ? null : report.lastSample().toEpochMilli() - kill,
                    report.violation().map(Object::toString).orElse(null), report.problem().orElse(null));
        }

        public boolean held() {
            return problem == null;
        }
    }

    public boolean passed() {
        return problems.isEmpty();
    }

    public boolean replacementOnSameStackVersion() {
        return stackVersion.equals(replacementStackVersion);
    }

    public boolean spareCapacityRestored() {
        return appInstancesRunning >= requiredCapacity + 1;
    }

    public static DemoSummary of(Facts facts, TakeoverTimeline timeline, TrafficFigures traffic, int lost, Aftermath after,
                                 Report invariants) {
        long kill = facts.killedAt();
        TakeoverNews.TakeoverEnded ended = timeline.ended().orElse(null);
        List<Step> steps = timeline.steps().stream().map(s -> step(s, kill)).toList();
        DemoSummary summary = new DemoSummary(facts.environmentId(), facts.stackVersion(), facts.killedMaster(),
                ended == null ? null : ended.newMasterInstanceId(), ended == null ? null : ended.replacementInstanceId(),
                kill,
                after(timeline.detectedAt().isPresent() ? timeline.detectedAt().getAsLong() : null, kill),
                after(timeline.began().map(TakeoverNews.TakeoverBegan::at).orElse(null), kill),
                after(ended == null ? null : ended.at(), kill),
                after(traffic.firstGoodAnswerAt().isPresent() ? traffic.firstGoodAnswerAt().getAsLong() : null, kill),
                traffic.requests(), traffic.failed(), traffic.failedInWindow(), traffic.writesAcknowledged(), lost,
                after.instancesRunningCron(), after.elasticIpAnsweredBy(), after.replacementStackVersion(),
                after.appInstancesRunning(), facts.requiredCapacity(), Invariants.of(invariants, kill), steps, List.of());
        return summary.withProblems(summary.findProblems(ended));
    }

    /** What the run knew before the takeover: which environment, which version, whom it killed and when. */
    public record Facts(String environmentId, String stackVersion, int requiredCapacity, String killedMaster, long killedAt) {
    }

    private List<String> findProblems(TakeoverNews.TakeoverEnded ended) {
        List<String> found = new ArrayList<>();
        if (ended == null) {
            found.add("the takeover did not complete");
        } else if (!ended.succeeded()) {
            found.add("the takeover failed: " + ended.reason());
        }
        if (acknowledgedWritesLost != 0) {
            found.add(acknowledgedWritesLost + " acknowledged write(s) lost");
        }
        if (instancesRunningCron != 1) {
            found.add(instancesRunningCron + " instances run cron, not exactly 1");
        }
        if (newMaster != null && !newMaster.equals(elasticIpAnsweredBy)) {
            found.add("the Elastic IP is answered by " + elasticIpAnsweredBy + ", not the new master " + newMaster);
        }
        if (!replacementOnSameStackVersion()) {
            found.add("the replacement runs stack version " + replacementStackVersion + ", not " + stackVersion);
        }
        if (!spareCapacityRestored()) {
            found.add(appInstancesRunning + " app instances run, below capacity " + requiredCapacity + " plus 1 spare");
        }
        if (firstGoodResponseAfterMillis == null) {
            found.add("no good response through the Elastic IP after the kill");
        }
        if (!invariants.held()) {
            found.add(invariants.problem());
        }
        return found;
    }

    private DemoSummary withProblems(List<String> found) {
        return new DemoSummary(environmentId, stackVersion, killedMaster, newMaster, replacement, killedAt,
                detectedAfterMillis, takeoverStartedAfterMillis, takeoverCompletedAfterMillis, firstGoodResponseAfterMillis,
                requests, failedRequests, failedRequestsDuringWindow, writesAcknowledged, acknowledgedWritesLost,
                instancesRunningCron, elasticIpAnsweredBy, replacementStackVersion, appInstancesRunning, requiredCapacity,
                invariants, steps, List.copyOf(found));
    }

    private static Step step(StepSpan span, long kill) {
        return new Step(span.step(), span.attempt(), span.startedAt() - kill,
                span.ended() ? span.durationMillis() : null, span.outcome().name().toLowerCase());
    }

    private static Long after(Long at, long kill) {
        return at == null ? null : at - kill;
    }
}
