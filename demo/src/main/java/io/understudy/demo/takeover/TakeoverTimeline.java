package io.understudy.demo.takeover;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The story of one failure, assembled from {@link TakeoverNews} in the order it arrives: when the failure was
 * detected, when the takeover began and ended, and every step attempt with its duration. Thread-safe, because
 * the Kafka reader feeds it while the scenario reads it.
 */
public final class TakeoverTimeline {
    private final Map<String, StepSpan> spans = new LinkedHashMap<>();
    private Long suspectedAt;
    private Long detectedAt;
    private TakeoverNews.TakeoverBegan began;
    private TakeoverNews.TakeoverEnded ended;
    private final List<TakeoverNews.CapacityShort> capacityShortfalls = new ArrayList<>();
    private final Applying applying = new Applying();

    public synchronized void apply(TakeoverNews news) {
        news.accept(applying);
    }

    /** What each kind of news adds to the story; called under the timeline's lock. */
    private final class Applying implements TakeoverNews.Visitor<Void> {
        @Override
        public Void visit(TakeoverNews.FailureDetected detected) {
            if (detected.suspicionOnly()) {
                suspectedAt = suspectedAt == null ? detected.at() : suspectedAt;
            } else {
                detectedAt = detectedAt == null ? detected.at() : detectedAt;
            }
            return null;
        }

        @Override
        public Void visit(TakeoverNews.TakeoverBegan takeover) {
            began = began == null ? takeover : began;
            return null;
        }

        @Override
        public Void visit(TakeoverNews.StepBegan step) {
            spans.putIfAbsent(key(step.step(), step.attempt()),
                    new StepSpan(step.step(), step.attempt(), step.at(), StepSpan.OPEN, StepOutcome.RUNNING));
            return null;
        }

        @Override
        public Void visit(TakeoverNews.StepEnded step) {
            String key = key(step.step(), step.attempt());
            StepSpan open = spans.getOrDefault(key,
                    new StepSpan(step.step(), step.attempt(), step.startedAt(), StepSpan.OPEN, StepOutcome.RUNNING));
            spans.put(key, open.end(step.at(), step.startedAt(), step.outcome()));
            return null;
        }

        @Override
        public Void visit(TakeoverNews.TakeoverEnded end) {
            ended = ended == null ? end : ended;
            return null;
        }

        @Override
        public Void visit(TakeoverNews.CapacityShort shortfall) {
            capacityShortfalls.add(shortfall);
            return null;
        }
    }

    public synchronized List<StepSpan> steps() {
        return List.copyOf(spans.values());
    }

    public synchronized OptionalLong suspectedAt() {
        return suspectedAt == null ? OptionalLong.empty() : OptionalLong.of(suspectedAt);
    }

    public synchronized OptionalLong detectedAt() {
        return detectedAt == null ? OptionalLong.empty() : OptionalLong.of(detectedAt);
    }

    public synchronized Optional<TakeoverNews.TakeoverBegan> began() {
        return Optional.ofNullable(began);
    }

    public synchronized Optional<TakeoverNews.TakeoverEnded> ended() {
        return Optional.ofNullable(ended);
    }

    public synchronized List<TakeoverNews.CapacityShort> capacityShortfalls() {
        return List.copyOf(capacityShortfalls);
    }

    /** How long a step took from its start to its end, for the live view's "succeeded in ..." line. */
    public synchronized OptionalLong duration(String step, int attempt) {
        StepSpan span = spans.get(key(step, attempt));
        return span == null || !span.ended() ? OptionalLong.empty() : OptionalLong.of(span.durationMillis());
    }

    private static String key(String step, int attempt) {
        return step + '#' + attempt;
    }
}
