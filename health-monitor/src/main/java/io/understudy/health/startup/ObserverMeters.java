package io.understudy.health.startup;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.understudy.health.detection.Observation;
import io.understudy.health.detection.ProbeResult;
import io.understudy.health.watch.HealthWatch;
import jakarta.inject.Singleton;

import java.util.EnumMap;
import java.util.Map;

/** What this replica counts and shows as an observer: probes, changes of verdict, what it watches, the quorum it sees. */
@Singleton
class ObserverMeters {
    private final MeterRegistry meters;
    private final Counter healthy;
    private final Counter failed;
    private final Map<Observation.Verdict, Counter> verdicts = new EnumMap<>(Observation.Verdict.class);

    ObserverMeters(MeterRegistry meters) {
        this.meters = meters;
        this.healthy = probes(meters, "healthy");
        this.failed = probes(meters, "failed");
        for (Observation.Verdict verdict : Observation.Verdict.values()) {
            verdicts.put(verdict, Counter.builder("understudy.health.verdicts").tag("verdict", verdict.name().toLowerCase())
                    .description("Changes of this observer's verdicts acknowledged by Kafka, by new verdict").register(meters));
        }
    }

    void probed(ProbeResult result) {
        (result.healthy() ? healthy : failed).increment();
    }

    void changed(Observation observation) {
        verdicts.get(observation.verdict()).increment();
    }

    void gauges(HealthWatch watch, LiveReplicas liveReplicas) {
        Gauge.builder("understudy.health.watched.instances", watch, w -> w.targets().size())
                .description("App instances this replica probes").register(meters);
        Gauge.builder("understudy.health.self.suspicion", watch, w -> w.suspectsItself() ? 1 : 0)
                .description("1 while this replica suspects itself (it lost sight of most of what it watches) and abstains")
                .register(meters);
        Gauge.builder("understudy.health.quorum.replicas", liveReplicas, LiveReplicas::count)
                .description("Live replicas of the quorum, as this replica last saw them").register(meters);
        Gauge.builder("understudy.health.quorum.zones", liveReplicas, r -> r.zones().size())
                .description("Distinct zones the quorum's live replicas run in (those of unknown zone count none)")
                .register(meters);
    }

    private static Counter probes(MeterRegistry meters, String outcome) {
        return Counter.builder("understudy.health.probes").tag("outcome", outcome)
                .description("Probes of app instances, by outcome").register(meters);
    }
}
