package io.understudy.demo.scenario;

import java.time.Duration;

/**
 * How the scenario drives the run: traffic before the kill (at least until the health monitor has seen every
 * instance healthy), how long it keeps going after the takeover, how many clients and how fast, and how long a
 * takeover may take before the run gives up.
 */
public record ScenarioSettings(Duration trafficBeforeKill, Duration trafficAfterTakeover, int clients,
                               long pauseMillis, Duration takeoverDeadline) {
    public static final ScenarioSettings DEMO = new ScenarioSettings(Duration.ofSeconds(10), Duration.ofSeconds(5),
            4, 100, Duration.ofSeconds(120));
    public static final ScenarioSettings SHORT = new ScenarioSettings(Duration.ofSeconds(3), Duration.ofSeconds(2),
            3, 100, Duration.ofSeconds(120));
}
