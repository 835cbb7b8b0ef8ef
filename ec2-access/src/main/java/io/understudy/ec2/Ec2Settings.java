package io.understudy.ec2;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code understudy.ec2.*}: where EC2 calls go. An empty endpoint means AWS itself; set, it points the SDK at
 * moto or the sandbox. An empty region means the SDK's region chain decides.
 */
@ConfigurationProperties("understudy.ec2")
public class Ec2Settings {
    private String region = "";
    private String endpoint = "";
    /** How often waiters ask EC2 whether a resource reached its state. */
    private Duration pollInterval = Duration.ofSeconds(2);
    private Duration apiCallTimeout = Duration.ofSeconds(60);
    /**
     * Attempts per call, the first included, before the SDK gives up; adaptive retries wait out throttling in
     * between. A call that still fails comes back as a retriable outcome, and the step is tried again.
     */
    private int maxAttempts = 8;
    /** Token buckets by name ({@code mutating: 200/5}); buckets not named keep AWS's published defaults. */
    private Map<String, String> rateLimits = new LinkedHashMap<>();

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region == null ? "" : region.trim();
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint == null ? "" : endpoint.trim();
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getApiCallTimeout() {
        return apiCallTimeout;
    }

    public void setApiCallTimeout(Duration apiCallTimeout) {
        this.apiCallTimeout = apiCallTimeout;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("understudy.ec2.max-attempts must be at least 1: " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
    }

    public Map<String, String> getRateLimits() {
        return rateLimits;
    }

    public void setRateLimits(Map<String, String> rateLimits) {
        this.rateLimits = rateLimits == null ? new LinkedHashMap<>() : new LinkedHashMap<>(rateLimits);
    }
}
