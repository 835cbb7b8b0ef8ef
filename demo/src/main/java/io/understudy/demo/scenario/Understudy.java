package io.understudy.demo.scenario;

import io.understudy.demo.environment.DemoEnvironment;
import io.understudy.demo.takeover.TakeoverNews;

import java.time.Duration;
import java.util.function.Consumer;

/** Understudy as its users reach it: an environment put under watch, and the news it publishes about it. */
public interface Understudy {
    /** Registers the environment and returns once Understudy has taken it in. */
    void watch(DemoEnvironment environment, Duration timeout);

    /** Returns once failure detection probes {@code instances} instances and has seen them healthy for a while. */
    void awaitSeenHealthy(int instances, Duration timeout);

    /** Hands every piece of news about the environment to {@code listener} until closed. */
    AutoCloseable follow(String environmentId, Consumer<TakeoverNews> listener);
}
