package io.understudy.demo.summary;

import io.understudy.demo.traffic.Request;

import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * What the users saw, from the request log and the moment the master was killed: the outage window runs from the
 * kill to the first good answer to a request sent once requests had begun to fail; failures are counted inside that
 * window and overall.
 */
public record TrafficFigures(int requests, int failed, int reads, int writes, int writesAcknowledged,
                            OptionalLong firstGoodAnswerAt, int failedInWindow) {

    public static TrafficFigures of(List<Request> log, long killedAt) {
        // a request sent in the instant between the kill call and the kill may still be served: the outage
        // starts with the first failure after the kill, and only a good answer to a request sent after that ends it
        long outageStart = log.stream().filter(r -> !r.ok() && r.answeredAt() >= killedAt)
                .mapToLong(Request::sentAt).min().orElse(killedAt);
        long since = Math.max(killedAt, outageStart);
        OptionalLong firstGood = log.stream()
                .filter(r -> r.ok() && r.sentAt() >= since)
                .mapToLong(Request::answeredAt).min();
        long windowEnd = firstGood.orElse(Long.MAX_VALUE);
        int failedInWindow = (int) log.stream()
                .filter(r -> !r.ok() && r.answeredAt() >= killedAt && r.sentAt() <= windowEnd)
                .count();
        return new TrafficFigures(log.size(), count(log, r -> !r.ok()),
                count(log, r -> r.kind() == Request.Kind.READ), count(log, r -> r.kind() == Request.Kind.WRITE),
                count(log, r -> r.kind() == Request.Kind.WRITE && r.ok()), firstGood, failedInWindow);
    }

    /** Requests in order of sending, for the picture. */
    public static List<Request> bySendTime(List<Request> log) {
        return log.stream().sorted(Comparator.comparingLong(Request::sentAt)).toList();
    }

    private static int count(List<Request> log, java.util.function.Predicate<Request> which) {
        return (int) log.stream().filter(which).count();
    }
}
