package io.understudy.health;

import io.understudy.schemas.access.Principal;
import io.understudy.testing.Infrastructure;

import java.util.Map;

/** A monitor run in this JVM: the test's settings, on Kafka as the health monitor's own principal, as deployed. */
final class MonitorProperties {
    private MonitorProperties() {
    }

    static Map<String, Object> of(Infrastructure infrastructure, Map<String, ?> settings) {
        Map<String, Object> all = infrastructure.kafkaProperties(Principal.HEALTH_MONITOR);
        all.putAll(settings);
        return all;
    }
}
