package io.understudy.operator.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.understudy.operator.audit.Timeline.Entry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The audit's findings: each takeover's timeline, then whether the replay agrees with what was recorded. */
final class AuditReport {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AuditReport() {
    }

    static String text(String environment, int inputs, List<Timeline> timelines, List<String> divergences) {
        StringBuilder text = new StringBuilder();
        text.append("environment ").append(environment).append(": ").append(inputs).append(" journaled inputs replayed, ")
                .append(timelines.size()).append(" takeover(s)\n");
        for (Timeline timeline : timelines) {
            text.append(String.format("%ntakeover %s  %s of %s%s  started %s%n  caused by %s: %s%n", timeline.takeoverId(),
                    timeline.kind(), timeline.failedInstance(),
                    timeline.candidate() == null ? "" : ", candidate " + timeline.candidate(), timeline.startedAt(),
                    timeline.causationId(), timeline.reason()));
            timeline.entries().forEach(entry -> text.append(line(timeline.startedAt(), entry)));
            text.append(timeline.ending() == null ? "  still in flight\n" : String.format("  %s after %s: %s%n",
                    timeline.ending().outcome(), seconds(Duration.between(timeline.startedAt(), timeline.ending().at())),
                    timeline.ending().detail()));
        }
        text.append(divergences.isEmpty() ? "\nthe replay matches the recorded events and state\n"
                : "\n" + divergences.size() + " divergence(s) between the replay and the record:\n  "
                + String.join("\n  ", divergences) + "\n");
        return text.toString();
    }

    static ObjectNode json(String environment, int inputs, List<Timeline> timelines, List<String> divergences) {
        ObjectNode report = NODES.objectNode().put("environmentId", environment).put("journaledInputs", inputs)
                .put("consistent", divergences.isEmpty());
        ArrayNode all = report.putArray("takeovers");
        for (Timeline timeline : timelines) {
            ObjectNode node = all.addObject().put("takeoverId", timeline.takeoverId()).put("kind", timeline.kind())
                    .put("failedInstanceId", timeline.failedInstance()).put("candidateInstanceId", timeline.candidate())
                    .put("causationId", timeline.causationId()).put("reason", timeline.reason())
                    .put("startedAt", timeline.startedAt().toString());
            timeline.entries().forEach(entry -> node.withArray("steps").addObject().put("step", entry.step())
                    .put("attempt", entry.attempt()).put("startedAt", entry.startedAt().toString())
                    .put("endedAt", entry.endedAt() == null ? null : entry.endedAt().toString())
                    .put("durationMs", entry.duration() == null ? null : entry.duration().toMillis())
                    .put("outcome", entry.outcome()).put("detail", entry.detail()));
            if (timeline.ending() != null) {
                node.put("outcome", timeline.ending().outcome()).put("endedAt", timeline.ending().at().toString())
                        .put("detail", timeline.ending().detail());
            }
        }
        divergences.forEach(report.putArray("divergences")::add);
        return report;
    }

    private static String line(Instant start, Entry entry) {
        String took = entry.duration() == null ? "" : seconds(entry.duration());
        String attempt = entry.attempt() > 0 ? "attempt " + entry.attempt() : "";
        return String.format("  +%-8s %-12s %-10s %-8s %-16s %s%n", seconds(Duration.between(start, entry.startedAt())),
                entry.step(), attempt, took, entry.outcome(), entry.detail() == null ? "" : entry.detail());
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.3fs", duration.toMillis() / 1000.0);
    }
}
