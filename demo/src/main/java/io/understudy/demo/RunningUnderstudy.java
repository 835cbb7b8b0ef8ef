package io.understudy.demo;

import io.understudy.demo.environment.DemoEnvironment;
import io.understudy.demo.kafka.KafkaAddresses;
import io.understudy.demo.kafka.Registration;
import io.understudy.demo.kafka.TakeoverFeed;
import io.understudy.demo.process.HealthMonitorMetrics;
import io.understudy.demo.scenario.Understudy;
import io.understudy.demo.takeover.TakeoverNews;

import java.time.Duration;
import java.util.function.Consumer;

/** The six services the demo started, reached the way their users reach them: Kafka, and the monitor's metrics. */
final class RunningUnderstudy implements Understudy {
    private final KafkaAddresses kafka;
    private final HealthMonitorMetrics monitor;

    RunningUnderstudy(KafkaAddresses kafka, HealthMonitorMetrics monitor) {
        this.kafka = kafka;
        this.monitor = monitor;
    }

    @Override
    public void watch(DemoEnvironment environment, Duration timeout) {
        Registration registration = new Registration(kafka);
        try {
            registration.register(environment);
        } catch (Exception e) {
            throw new IllegalStateException("cannot register " + environment.id() + " on Kafka at " + kafka.bootstrapServers() + ": " + e, e);
        }
        registration.awaitWatched(environment.id(), timeout);
    }

    @Override
    public void awaitSeenHealthy(int instances, Duration timeout) {
        monitor.awaitSeenHealthy(instances, timeout);
    }

    @Override
    public AutoCloseable follow(String environmentId, Consumer<TakeoverNews> listener) {
        return TakeoverFeed.follow(kafka, environmentId, listener);
    }
}
