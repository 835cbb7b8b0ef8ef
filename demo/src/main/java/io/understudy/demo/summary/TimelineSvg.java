package io.understudy.demo.summary;

import io.understudy.demo.traffic.Request;

import java.util.List;
import java.util.Locale;

/**
 * The takeover as a picture: the traffic through the Elastic IP above (good and failed requests per time slice),
 * the takeover's steps below as bars, and the moments that matter (kill, detection, first good response,
 * completion) as vertical lines across both. Time runs from a little before the kill to the end of the run,
 * in seconds relative to the kill.
 */
public final class TimelineSvg {
    private static final int WIDTH = 1100;
    private static final int LEFT = 170;
    private static final int RIGHT = 30;
    private static final int LABELS = 78;
    private static final int TOP = LABELS + 4 * 14 + 8;
    private static final int TRAFFIC_HEIGHT = 160;
    private static final int ROW = 24;
    private static final long SLICE_MILLIS = 250;
    private static final long BEFORE_KILL_MILLIS = 5_000;
    private static final String OK = "#2e9d57";
    private static final String FAILED = "#d43c3c";

    private final DemoSummary summary;
    private final List<Request> requests;
    private final long from;
    private final long to;
    private final StringBuilder svg = new StringBuilder();

    private TimelineSvg(DemoSummary summary, List<Request> requests) {
        this.summary = summary;
        this.requests = requests;
        this.from = -BEFORE_KILL_MILLIS;
        this.to = Math.max(lastMoment(), 1_000) + 500;
    }

    public static String render(DemoSummary summary, List<Request> requests) {
        return new TimelineSvg(summary, requests).draw();
    }

    private String draw() {
        int stepsTop = TOP + TRAFFIC_HEIGHT + 50;
        int height = stepsTop + Math.max(1, summary.steps().size()) * ROW + 70;
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height, WIDTH, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        text(LEFT, 24, "Master takeover of " + summary.environmentId() + ": " + verdict(), "font-size=\"16\" font-weight=\"bold\"");
        text(LEFT, 44, "killed " + summary.killedMaster() + ", new master " + summary.newMaster() + ", replacement "
                + summary.replacement(), "fill=\"#444\"");
        text(LEFT, 60, summary.acknowledgedWritesLost() + " of " + summary.writesAcknowledged() + " acknowledged writes lost; "
                + summary.failedRequestsDuringWindow() + " requests failed between the kill and the first good response; "
                + summary.instancesRunningCron() + " instance(s) running cron", "fill=\"#444\"");
        axis(height - 40, LABELS - 10, height - 45);
        traffic(TOP);
        steps(stepsTop);
        moments(LABELS - 10, height - 45);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void traffic(int top) {
        text(10, top + 14, "traffic via Elastic IP", "font-weight=\"bold\"");
        text(10, top + 32, "requests per " + SLICE_MILLIS + " ms", "fill=\"#666\"");
        legend(10, top + 52, OK, "good");
        legend(10, top + 70, FAILED, "failed");
        int slices = (int) ((to - from) / SLICE_MILLIS) + 1;
        int[] good = new int[slices];
        int[] bad = new int[slices];
        for (Request r : requests) {
            long t = r.sentAt() - summary.killedAt();
            if (t >= from && t < to) {
                int slice = (int) ((t - from) / SLICE_MILLIS);
                if (r.ok()) {
                    good[slice]++;
                } else {
                    bad[slice]++;
                }
            }
        }
        int peak = 1;
        for (int i = 0; i < slices; i++) {
            peak = Math.max(peak, good[i] + bad[i]);
        }
        double sliceWidth = scale(SLICE_MILLIS) - 1;
        int base = top + TRAFFIC_HEIGHT;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>%n", LEFT, base, WIDTH - RIGHT, base));
        for (int i = 0; i < slices; i++) {
            double x = x(from + i * SLICE_MILLIS);
            double goodHeight = (double) good[i] / peak * TRAFFIC_HEIGHT;
            double badHeight = (double) bad[i] / peak * TRAFFIC_HEIGHT;
            bar(x, base - goodHeight, sliceWidth, goodHeight, OK);
            bar(x, base - goodHeight - badHeight, sliceWidth, badHeight, FAILED);
        }
    }

    private void steps(int top) {
        text(10, top - 12, "takeover steps", "font-weight=\"bold\"");
        int row = 0;
        for (DemoSummary.Step step : summary.steps()) {
            int y = top + row * ROW;
            String label = step.step() + (step.attempt() > 1 ? " (attempt " + step.attempt() + ")" : "");
            text(10, y + 15, label, "");
            double start = x(step.startedAfterMillis());
            double end = step.durationMillis() == null ? x(to) : x(step.startedAfterMillis() + step.durationMillis());
            bar(start, y + 3, Math.max(2, end - start), ROW - 6, colour(step.outcome()));
            String duration = step.durationMillis() == null ? step.outcome() : SummaryText.seconds(step.durationMillis());
            text((int) Math.min(end + 4, WIDTH - RIGHT - 60), y + 15, duration, "fill=\"#333\"");
            row++;
        }
    }

    private void axis(int y, int top, int bottom) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n", LEFT, y, WIDTH - RIGHT, y));
        long tick = tickMillis();
        for (long t = (from / tick) * tick; t <= to; t += tick) {
            if (t < from) {
                continue;
            }
            double x = x(t);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>%n", x, top, x, bottom));
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/>%n", x, y, x, y + 5));
            text((int) x - 10, y + 18, (t > 0 ? "+" : "") + t / 1000 + " s", "");
        }
        text(LEFT, y + 34, "seconds after the master was killed", "fill=\"#666\"");
    }

    private void moments(int top, int bottom) {
        moment(0L, "killed", FAILED, top, bottom, 0);
        moment(summary.detectedAfterMillis(), "detected", "#e08a00", top, bottom, 1);
        moment(summary.firstGoodResponseAfterMillis(), "first good response", OK, top, bottom, 2);
        moment(summary.takeoverCompletedAfterMillis(), "completed", "#3b6fd4", top, bottom, 3);
    }

    private void moment(Long at, String label, String colour, int top, int bottom, int lane) {
        if (at == null) {
            return;
        }
        double x = x(at);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" "
                + "stroke-width=\"1.5\" stroke-dasharray=\"5,3\"/>%n", x, top, x, bottom, colour));
        text((int) x + 3, LABELS + lane * 14, label + " " + SummaryText.seconds(at), "fill=\"" + colour + "\"");
    }

    private void legend(int x, int y, String colour, String label) {
        bar(x, y - 9, 10, 10, colour);
        text(x + 14, y, label, "");
    }

    private void bar(double x, double y, double width, double height, String colour) {
        if (height <= 0) {
            return;
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
                x, y, width, height, colour));
    }

    private void text(int x, int y, String content, String attributes) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" %s>%s</text>%n", x, y, attributes, escape(content)));
    }

    private String verdict() {
        return summary.passed() ? "passed" : "PROBLEMS: " + String.join("; ", summary.problems());
    }

    private long lastMoment() {
        long last = 0;
        for (Request r : requests) {
            last = Math.max(last, r.answeredAt() - summary.killedAt());
        }
        for (DemoSummary.Step step : summary.steps()) {
            last = Math.max(last, step.startedAfterMillis() + (step.durationMillis() == null ? 0 : step.durationMillis()));
        }
        return last;
    }

    private long tickMillis() {
        long span = to - from;
        return span <= 20_000 ? 1_000 : span <= 60_000 ? 5_000 : 10_000;
    }

    private double x(long millis) {
        return LEFT + scale(millis - from);
    }

    private double scale(long millis) {
        return (double) millis * (WIDTH - LEFT - RIGHT) / (to - from);
    }

    private static String colour(String outcome) {
        switch (outcome) {
            case "succeeded":
                return "#3b6fd4";
            case "failed":
                return FAILED;
            case "compensated":
                return "#9b59b6";
            default:
                return "#aaa";
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
