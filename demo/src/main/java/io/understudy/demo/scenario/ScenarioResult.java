package io.understudy.demo.scenario;

import io.understudy.demo.environment.DemoEnvironment;
import io.understudy.demo.summary.DemoSummary;
import io.understudy.demo.traffic.Request;

import java.util.List;

/** What one run produced: the environment it built, the summary and every request of the traffic. */
public record ScenarioResult(DemoEnvironment environment, DemoSummary summary, List<Request> requests) {
}
