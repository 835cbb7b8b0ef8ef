package io.understudy.health.watch;

import io.understudy.contract.ElasticIp;
import io.understudy.contract.EnvironmentState;
import io.understudy.contract.Instance;
import io.understudy.contract.InstanceStatus;
import io.understudy.contract.Role;
import io.understudy.health.detection.InstanceRef;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeTargetsTest {

    @Test
    void probes_app_instances_that_run_or_boot() {
        EnvironmentState state = state(
                instance("i-master", Role.APP_MASTER, InstanceStatus.RUNNING, "127.0.1.4"),
                instance("i-slave", Role.APP_SLAVE, InstanceStatus.RUNNING, "127.0.1.5"),
                instance("i-booting", Role.APP_SLAVE, InstanceStatus.BOOTING, "127.0.1.6"));

        assertThat(ProbeTargets.of("env-1", state)).containsExactly(
                new ProbeTarget(new InstanceRef("env-1", "i-master"), "127.0.1.4"),
                new ProbeTarget(new InstanceRef("env-1", "i-slave"), "127.0.1.5"),
                new ProbeTarget(new InstanceRef("env-1", "i-booting"), "127.0.1.6"));
    }

    @Test
    void leaves_out_fenced_failed_terminated_unknown_utility_and_addressless_instances() {
        EnvironmentState state = state(
                instance("i-fenced", Role.APP_MASTER, InstanceStatus.FENCED, "127.0.1.4"),
                instance("i-failed", Role.APP_SLAVE, InstanceStatus.FAILED, "127.0.1.5"),
                instance("i-gone", Role.APP_SLAVE, InstanceStatus.TERMINATED, "127.0.1.6"),
                instance("i-unknown", Role.APP_SLAVE, InstanceStatus.UNKNOWN, "127.0.1.7"),
                instance("i-utility", Role.UTILITY, InstanceStatus.RUNNING, "127.0.1.8"),
                instance("i-norole", Role.UNKNOWN, InstanceStatus.RUNNING, "127.0.1.9"),
                instance("i-noaddress", Role.APP_SLAVE, InstanceStatus.BOOTING, ""));

        assertThat(ProbeTargets.of("env-1", state)).isEmpty();
    }

    static EnvironmentState state(Instance... instances) {
        return EnvironmentState.newBuilder()
                .setEnvironmentId("env-1")
                .setStackVersion("stack-1")
                .setImageId("ami-12c6146b")
                .setElasticIp(new ElasticIp("eipalloc-1", "127.0.2.1"))
                .setRequiredCapacity(1)
                .setInstances(List.of(instances))
                .setUpdatedAt(Instant.parse("2025-01-01T00:00:00Z"))
                .build();
    }

    static Instance instance(String id, Role role, InstanceStatus status, String address) {
        return Instance.newBuilder()
                .setInstanceId(id)
                .setRole(role)
                .setStatus(status)
                .setPrivateAddress(address)
                .setAvailabilityZone("us-east-1a")
                .setStackVersion("stack-1")
                .setImageId("ami-12c6146b")
                .build();
    }
}
