package io.understudy.proxy.opinion;

import io.understudy.contract.FailureJudged;
import io.understudy.contract.CorroborateFailure;
import io.understudy.execution.CommandHandler;
import io.understudy.execution.Outcome;
import io.understudy.proxy.Ipv4;
import io.understudy.proxy.ProxySettings;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A second opinion on a failure before a forced fence, from this service's vantage rather than the health
 * monitor's: GET {@code http://<private address>:<app port><path>}, up to {@code attempts} times a little apart.
 * Any 2xx refutes the failure; no 2xx on every attempt confirms it. Both are successes: the verdict is the answer.
 *
 * <p>Only the app's health endpoint is asked. HAProxy's runtime API on the instance would tell a live HAProxy in
 * front of a dead app (still a failure: the monitor's probe is the app's) from a dead machine (a failure too), so it
 * could never change the verdict, and on an address that drops packets it would cost another timeout.
 *
 * <p>Re-running is harmless (a GET), and a redelivered command simply asks again. An interrupted opinion is no
 * opinion: it fails retriably instead of confirming on fewer attempts than configured.
 */
@Singleton
public class CorroborateFailureHandler implements CommandHandler<CorroborateFailure> {

    private final HealthProbe health;
    private final SecondOpinionSettings settings;
    private final ProxySettings proxy;

    public CorroborateFailureHandler(HealthProbe health, SecondOpinionSettings settings, ProxySettings proxy) {
        this.health = health;
        this.settings = settings;
        this.proxy = proxy;
    }

    @Override
    public Class<CorroborateFailure> commandType() {
        return CorroborateFailure.class;
    }

    @Override
    public Outcome handle(CorroborateFailure command) {
        String instance = command.getInstanceId() + " at " + command.getPrivateAddress();
        if (!Ipv4.isLiteral(command.getPrivateAddress())) {
            return Outcome.failedPermanently("cannot corroborate the failure of " + instance + ": '"
                    + command.getPrivateAddress() + "' is not an IPv4 address");
        }
        URI url = URI.create("http://" + command.getPrivateAddress() + ":" + proxy.appPort() + settings.getPath());
        List<Probe> probes = new ArrayList<>();
        try {
            for (int attempt = 1; attempt <= settings.getAttempts(); attempt++) {
                if (attempt > 1) {
                    Thread.sleep(settings.getBetweenAttempts().toMillis());
                }
                Probe probe = health.probe(url);
                probes.add(probe);
                if (probe.healthy()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failedRetriably("second opinion on " + instance + " interrupted after " + probes.size()
                    + " of " + settings.getAttempts() + " attempts");
        }
        SecondOpinion opinion = SecondOpinion.of(url.toString(), probes);
        return Outcome.succeeded(new FailureJudged(opinion.verdict().contract(), opinion.evidence()));
    }
}
