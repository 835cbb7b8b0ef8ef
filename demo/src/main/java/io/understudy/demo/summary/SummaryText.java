package io.understudy.demo.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The summary as the person at the terminal reads it. */
public final class SummaryText {
    private SummaryText() {
    }

    public static List<String> lines(DemoSummary s) {
        List<String> lines = new ArrayList<>();
        lines.add("Summary of environment " + s.environmentId() + " (stack " + s.stackVersion() + ")");
        lines.add(row("master killed", s.killedMaster() + " (SIGKILL to its whole process group)"));
        lines.add(row("time to detect", seconds(s.detectedAfterMillis())));
        lines.add(row("takeover started", seconds(s.takeoverStartedAfterMillis())));
        lines.add(row("first good response", seconds(s.firstGoodResponseAfterMillis()) + " through the Elastic IP"));
        lines.add(row("takeover completed", seconds(s.takeoverCompletedAfterMillis())));
        lines.add(row("failed requests", s.failedRequestsDuringWindow() + " during the window ("
                + s.failedRequests() + " of " + s.requests() + " in the whole run)"));
        lines.add(row("acknowledged writes", s.writesAcknowledged() + ", lost: " + s.acknowledgedWritesLost() + check(s.acknowledgedWritesLost() == 0)));
        lines.add(row("running cron", s.instancesRunningCron() + " instance(s)" + check(s.instancesRunningCron() == 1)));
        lines.add(row("new master", s.newMaster() + ", answering through the Elastic IP: " + s.elasticIpAnsweredBy()));
        lines.add(row("replacement", s.replacement() + " on stack " + s.replacementStackVersion() + check(s.replacementOnSameStackVersion())));
        lines.add(row("spare capacity", s.appInstancesRunning() + " app instances for capacity " + s.requiredCapacity()
                + " + 1 spare" + check(s.spareCapacityRestored())));
        lines.add(row("invariants", invariants(s.invariants()) + check(s.invariants().held())));
        if (s.passed()) {
            lines.add("PASSED: the understudy took over without losing an acknowledged write");
        } else {
            s.problems().forEach(p -> lines.add("PROBLEM: " + p));
        }
        return lines;
    }

    /** {@code 1,234 samples over 61.7 s (0 failed), no violation}. */
    static String invariants(DemoSummary.Invariants i) {
        long span = i.firstSampleAfterMillis() == null ? 0 : i.lastSampleAfterMillis() - i.firstSampleAfterMillis();
        return String.format(Locale.ROOT, "%,d samples over %.1f s (%,d failed), %s", i.samples(), span / 1000.0,
                i.failedSamples(), i.violation() == null ? "no violation" : "VIOLATION " + i.violation());
    }

    public static String seconds(Long millis) {
        return millis == null ? "never" : String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    private static String row(String label, String value) {
        return String.format(Locale.ROOT, "  %-22s %s", label, value);
    }

    private static String check(boolean ok) {
        return ok ? "  ✔" : "  ✘";
    }
}
