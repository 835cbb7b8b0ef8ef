package io.understudy.health.impending;

import io.understudy.ec2.CloudCallFailed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * One round: learn the watched instances, ask EC2 for their status, announce what is new. A round that cannot reach
 * EC2 or Kafka is logged and the next one tries again; what was not published is not remembered as announced.
 */
public final class ImpendingFailureRounds implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImpendingFailureRounds.class);

    private final WatchedInstances watched;
    private final InstanceStatuses statuses;
    private final ImpendingFailurePublisher publisher;
    private final Clock clock;
    private final ImpendingFailures failures = new ImpendingFailures();

    public ImpendingFailureRounds(WatchedInstances watched, InstanceStatuses statuses, ImpendingFailurePublisher publisher, Clock clock) {
        this.watched = watched;
        this.statuses = statuses;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** @return the causes announced in this round */
    public synchronized List<Impending> round() {
        try {
            Map<String, String> environmentOf = watched.environmentOf();
            List<Impending> fresh = failures.next(environmentOf, statuses.of(environmentOf.keySet()));
            return publish(fresh);
        } catch (CloudCallFailed e) {
            LOG.warn("cannot read EC2 instance status this round: {}", e.toString());
        } catch (RuntimeException e) {
            // a timer task that throws is never run again: whatever went wrong, the next round tries anew
            LOG.error("impending-failure round failed", e);
        }
        return List.of();
    }

    private List<Impending> publish(List<Impending> fresh) {
        List<Impending> published = new ArrayList<>();
        for (Impending impending : fresh) {
            try {
                publisher.publish(impending, clock.instant());
                published.add(impending);
            } catch (ExecutionException | RuntimeException e) {
                LOG.warn("cannot publish the impending failure of {}: {}", impending.instanceId(), e.toString());
                failures.forget(impending);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.forget(impending);
            }
        }
        return published;
    }

    @Override
    public void close() {
        watched.close();
        publisher.close();
    }
}
