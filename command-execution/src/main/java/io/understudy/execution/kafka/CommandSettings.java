package io.understudy.execution.kafka;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.understudy.schemas.topic.Topic;

import java.time.Duration;

/** {@code understudy.commands.*}: which command topic this service executes, and how patiently. */
@ConfigurationProperties("understudy.commands")
public class CommandSettings {
    private Topic topic;
    private Duration pollTimeout = Duration.ofMillis(500);
    private Duration retryBackoff = Duration.ofSeconds(1);
    private Duration maxRetryBackoff = Duration.ofSeconds(30);
    /** Longer than the slowest handler (a snapshot wait), or the group would evict a busy consumer. */
    private Duration maxPollInterval = Duration.ofMinutes(45);
    private Duration shutdownGrace = Duration.ofSeconds(10);
    /** KIP-848 ("consumer") rebalances without stopping the group; "classic" for brokers older than 4.0. */
    private String groupProtocol = "consumer";
    /**
     * Classic protocol only: how long a killed consumer keeps its partitions, and so how long commands wait after a
     * crash. With the consumer protocol the broker decides (group.consumer.session.timeout.ms, at least 45 s).
     */
    private Duration sessionTimeout = Duration.ofSeconds(45);
    private Duration heartbeatInterval = Duration.ofSeconds(3);
    /**
     * Static membership (group.instance.id), e.g. the host name: with the classic protocol a service restarted under
     * the same id takes its partitions back at once instead of after the session timeout. Empty: dynamic.
     */
    private String instanceId = "";

    public Topic getTopic() {
        return topic;
    }

    public void setTopic(Topic topic) {
        this.topic = topic;
    }

    public Duration getPollTimeout() {
        return pollTimeout;
    }

    public void setPollTimeout(Duration pollTimeout) {
        this.pollTimeout = pollTimeout;
    }

    public Duration getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(Duration retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    public Duration getMaxRetryBackoff() {
        return maxRetryBackoff;
    }

    public void setMaxRetryBackoff(Duration maxRetryBackoff) {
        this.maxRetryBackoff = maxRetryBackoff;
    }

    public Duration getMaxPollInterval() {
        return maxPollInterval;
    }

    public void setMaxPollInterval(Duration maxPollInterval) {
        this.maxPollInterval = maxPollInterval;
    }

    public Duration getShutdownGrace() {
        return shutdownGrace;
    }

    public void setShutdownGrace(Duration shutdownGrace) {
        this.shutdownGrace = shutdownGrace;
    }

    public String getGroupProtocol() {
        return groupProtocol;
    }

    public void setGroupProtocol(String groupProtocol) {
        this.groupProtocol = groupProtocol;
    }

    public Duration getSessionTimeout() {
        return sessionTimeout;
    }

    public void setSessionTimeout(Duration sessionTimeout) {
        this.sessionTimeout = sessionTimeout;
    }

    public Duration getHeartbeatInterval() {
        return heartbeatInterval;
    }

    public void setHeartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    public String getInstanceId() {
        return instanceId;
    }

    public void setInstanceId(String instanceId) {
        this.instanceId = instanceId;
    }

    boolean classicProtocol() {
        return "classic".equalsIgnoreCase(groupProtocol);
    }
}
