package io.understudy.proxy.opinion;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;

/**
 * {@code understudy.proxy.second-opinion.*}: how a failure is corroborated from here before a forced fence. The
 * whole opinion takes at most {@link #worstCase()}, which must stay well under the saga's step timeout for it.
 */
@ConfigurationProperties("understudy.proxy.second-opinion")
public class SecondOpinionSettings {
    /** What the health monitor probes on the app server, so that both vantages ask the same question. */
    private String path = "/health";
    /** One attempt, connecting included. */
    private Duration timeout = Duration.ofSeconds(1);
    private int attempts = 2;
    /** Lets a blip on this side (a lost packet, a busy moment) pass before the next attempt. */
    private Duration betweenAttempts = Duration.ofMillis(200);

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("understudy.proxy.second-opinion.path must start with '/': " + path);
        }
        try {
            URI.create("http://127.0.0.1" + path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("understudy.proxy.second-opinion.path is no URL path: " + path, e);
        }
        this.path = path;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("understudy.proxy.second-opinion.timeout must be positive: " + timeout);
        }
        this.timeout = timeout;
    }

    public int getAttempts() {
        return attempts;
    }

    public void setAttempts(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("understudy.proxy.second-opinion.attempts must be at least 1: " + attempts);
        }
        this.attempts = attempts;
    }

    public Duration getBetweenAttempts() {
        return betweenAttempts;
    }

    public void setBetweenAttempts(Duration betweenAttempts) {
        if (betweenAttempts == null || betweenAttempts.isNegative()) {
            throw new IllegalArgumentException("understudy.proxy.second-opinion.between-attempts must not be negative: "
                    + betweenAttempts);
        }
        this.betweenAttempts = betweenAttempts;
    }

    /** The longest a second opinion takes: every attempt timing out, with the pauses between them. */
    public Duration worstCase() {
        return timeout.multipliedBy(attempts).plus(betweenAttempts.multipliedBy(attempts - 1L));
    }
}
