package io.understudy.demo.instance;

import io.understudy.demo.traffic.AppHttp;
import io.understudy.invariants.Duties;
import io.understudy.invariants.DutiesProbe;

import java.time.Duration;
import java.util.Optional;

/**
 * The sandbox instance's own account of the master's duties: whether its /health says it runs cron. Writes are not
 * asked: the sample app says whether it accepts them only by storing one on /data, which the demo audits.
 */
public final class AppDuties implements DutiesProbe {
    /** The app answers /health at once; one that hangs must not hold up the sampling for long. */
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private final AppHttp http = new AppHttp(TIMEOUT);

    @Override
    public Optional<Duties> ask(String instanceId, String privateAddress) {
        // an answer from another instance at that address is no account of this one
        return AppHealth.of(http, privateAddress).filter(health -> health.instanceId().equals(instanceId))
                .map(health -> new Duties(health.cron()));
    }
}
