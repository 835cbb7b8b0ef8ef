package io.understudy.demo.live;

import io.understudy.demo.takeover.TakeoverNews;
import io.understudy.demo.takeover.TakeoverTimeline;
import io.understudy.demo.traffic.Request;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints the takeover as it happens, one line per event, stamped with the time since the master was killed:
 * detection, each step's start and its end with its duration, the traffic's outage and its recovery.
 * Fed from the Kafka reader's thread and the traffic clients' threads, so every method is synchronized.
 */
public final class LiveView {
    private static final int MAX_DETAIL = 100;
    private static final Describing DESCRIBING = new Describing();
    private final PrintStream out;
    private final TakeoverTimeline timeline;
    private long killedAt = -1;
    private boolean trafficFailing;

    public LiveView(PrintStream out, TakeoverTimeline timeline) {
        this.out = out;
        this.timeline = timeline;
    }

    public synchronized void killed(String instanceId, long at) {
        killedAt = at;
        line(at, "master " + instanceId + " killed (SIGKILL to its whole process group)");
    }

    /** Applies the news to the timeline first, so the line can show the step's duration. */
    public synchronized void show(TakeoverNews news) {
        timeline.apply(news);
        if (killedAt < 0) {
            return;
        }
        line(news.at(), news.accept(DESCRIBING));
    }

    /** Reports only the changes between failing and answering, not every request. */
    public synchronized void request(Request request) {
        if (killedAt < 0 || request.sentAt() < killedAt) {
            return;
        }
        if (!request.ok() && !trafficFailing) {
            trafficFailing = true;
            line(request.answeredAt(), "traffic: requests through the Elastic IP fail (" + status(request) + ")");
        } else if (request.ok() && trafficFailing) {
            trafficFailing = false;
            line(request.answeredAt(), "traffic: good responses through the Elastic IP again");
        }
    }

    public synchronized void note(long at, String text) {
        line(at, text);
    }

    /** One line for every kind of news. */
    private static final class Describing implements TakeoverNews.Visitor<String> {
        @Override
        public String visit(TakeoverNews.FailureDetected detected) {
            return (detected.suspicionOnly() ? "suspected " : "detected failure of ") + detected.instanceId()
                    + ": " + brief(detected.reason());
        }

        @Override
        public String visit(TakeoverNews.TakeoverBegan began) {
            return began.kind().toLowerCase(Locale.ROOT).replace('_', ' ') + " started, candidate " + began.candidateInstanceId();
        }

        @Override
        public String visit(TakeoverNews.StepBegan step) {
            return String.format(Locale.ROOT, "  %-12s started%s", step.step(), attempt(step.attempt()));
        }

        @Override
        public String visit(TakeoverNews.StepEnded step) {
            return String.format(Locale.ROOT, "  %-12s %s in %s%s%s", step.step(), step.outcome().name().toLowerCase(Locale.ROOT),
                    seconds(step.at() - step.startedAt()), attempt(step.attempt()),
                    step.detail() == null || step.detail().isEmpty() ? "" : ": " + brief(step.detail()));
        }

        @Override
        public String visit(TakeoverNews.TakeoverEnded ended) {
            return ended.succeeded()
                    ? "takeover completed: new master " + ended.newMasterInstanceId() + ", replacement " + ended.replacementInstanceId()
                    : "takeover FAILED: " + ended.reason();
        }

        @Override
        public String visit(TakeoverNews.CapacityShort shortfall) {
            return "capacity degraded: " + shortfall.running() + " app instances running, " + shortfall.required() + " + 1 wanted";
        }
    }

    private void line(long at, String text) {
        out.printf(Locale.ROOT, "%9s  %s%n", "+" + seconds(at - killedAt), text);
        out.flush();
    }

    /** One terminal line per event: the full text is in the log (the public topic), the line shows its start. */
    private static String brief(String text) {
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL - 1) + "…";
    }

    private static String attempt(int attempt) {
        return attempt > 1 ? " (attempt " + attempt + ")" : "";
    }

    private static String status(Request request) {
        return request.status() == 0 ? "no answer" : "HTTP " + request.status();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3fs", millis / 1000.0);
    }
}
