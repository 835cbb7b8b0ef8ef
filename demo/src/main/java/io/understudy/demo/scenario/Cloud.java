package io.understudy.demo.scenario;

import io.understudy.demo.environment.DemoEnvironment;
import io.understudy.demo.environment.EnvironmentPlan;
import io.understudy.demo.summary.Aftermath;
import io.understudy.invariants.InvariantChecker;

import java.time.Duration;

/** Where the environment lives: built, crashed and inspected from outside, as its owner would. */
public interface Cloud {
    /** Builds the environment; returns once every app answers and the Elastic IP reaches the master. */
    DemoEnvironment build(String environmentId, EnvironmentPlan plan);

    /**
     * Starts sampling the environment for its promises (never two masters, never the Elastic IP on a fenced
     * instance) until the checker is closed.
     */
    InvariantChecker watchInvariants(DemoEnvironment environment);

    /** A crash: every process of the instance dies at once, while the cloud's API still reports it running. */
    void crash(String instanceId);

    /** Waits, at most {@code timeout}, for the capacity to be back and the replacement to serve. */
    void awaitSettled(DemoEnvironment environment, String replacement, Duration timeout);

    Aftermath aftermath(DemoEnvironment environment, String replacement);
}
