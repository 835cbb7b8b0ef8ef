package io.understudy.health.watch;

import io.understudy.health.detection.DetectorSettings;
import io.understudy.health.detection.Observation;
import io.understudy.health.detection.Observation.Verdict;
import io.understudy.health.detection.PhiAccrualDetector;
import io.understudy.health.detection.InstanceRef;
import io.understudy.health.detection.ProbeResult;
import io.understudy.health.detection.SelfSuspicion;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HealthWatchTest {
    private static final ProbeTarget MASTER = target("env-1", "i-master", "127.0.1.4");
    private static final ProbeTarget SLAVE = target("env-1", "i-slave", "127.0.1.5");
    private static final ProbeTarget OTHER = target("env-2", "i-other", "127.0.2.4");

    private final List<InstanceRef> released = new ArrayList<>();
    private final HealthWatch watch = new HealthWatch(new PhiAccrualDetector(DetectorSettings.defaults(Duration.ofSeconds(1))),
            new SelfSuspicion(0.5, 3, Duration.ZERO, Duration.ofMinutes(10)), (instance, at) -> released.add(instance),
            (change, environments) -> { });
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void probes_the_instances_of_every_environment_it_follows() {
        watch.environmentChanged(0, "env-1", List.of(MASTER, SLAVE), now);
        watch.environmentChanged(1, "env-2", List.of(OTHER), now);

        assertThat(watch.targets()).containsExactlyInAnyOrder(MASTER, SLAVE, OTHER);
    }

    @Test
    void stops_probing_an_instance_that_leaves_its_environment_and_forgets_its_history() {
        watch.environmentChanged(0, "env-1", List.of(MASTER, SLAVE), now);
        healthyThenFailing(MASTER, 1);

        watch.environmentChanged(0, "env-1", List.of(SLAVE), now);

        assertThat(watch.targets()).containsExactly(SLAVE);
        assertThat(released).as("the quorum is told").containsExactly(MASTER.instance());
        assertThat(watch.probed(MASTER, ProbeResult.failed("connection refused", tick()))).isEmpty();
        watch.environmentChanged(0, "env-1", List.of(MASTER, SLAVE), now);
        assertThat(failures(MASTER, 3)).as("history restarted: the boot grace applies again").isEmpty();
    }

    @Test
    void an_instance_of_an_environment_known_for_longer_than_the_boot_grace_gets_no_fresh_grace() {
        Instant written = now.minus(Duration.ofMinutes(11));

        watch.environmentChanged(0, "env-1", List.of(MASTER), written, now);

        assertThat(failures(MASTER, 1)).extracting(Observation::verdict).containsExactly(Verdict.SUSPECT);
    }

    @Test
    void an_instance_of_a_recently_written_environment_keeps_the_rest_of_its_boot_grace() {
        Instant written = now.minus(Duration.ofMinutes(9));

        watch.environmentChanged(0, "env-1", List.of(MASTER), written, now);

        assertThat(failures(MASTER, 50)).as("50 s into the last minute of the grace").isEmpty();
        now = written.plus(Duration.ofMinutes(10)).minusSeconds(1);
        assertThat(failures(MASTER, 1)).extracting(Observation::verdict).containsExactly(Verdict.SUSPECT);
    }

    @Test
    void keeps_the_history_of_instances_that_stay() {
        watch.environmentChanged(0, "env-1", List.of(MASTER, SLAVE), now);
        healthyThenFailing(MASTER, 1);

        watch.environmentChanged(0, "env-1", List.of(MASTER), now);

        assertThat(failures(MASTER, 1)).extracting(Observation::verdict).containsExactly(Verdict.SUSPECT);
    }

    @Test
    void stops_probing_a_removed_environment() {
        watch.environmentChanged(0, "env-1", List.of(MASTER, SLAVE), now);
        watch.environmentChanged(1, "env-2", List.of(OTHER), now);

        watch.environmentRemoved("env-1", now);

        assertThat(watch.targets()).containsExactly(OTHER);
    }

    @Test
    void stops_probing_the_environments_of_released_partitions() {
        watch.environmentChanged(0, "env-1", List.of(MASTER, SLAVE), now);
        watch.environmentChanged(1, "env-2", List.of(OTHER), now);

        watch.partitionsReleased(Set.of(0), now);

        assertThat(watch.targets()).containsExactly(OTHER);
        assertThat(released).containsExactlyInAnyOrder(MASTER.instance(), SLAVE.instance());
    }

    @Test
    void ignores_a_late_result_for_an_old_address() {
        watch.environmentChanged(0, "env-1", List.of(MASTER), now);
        healthyThenFailing(MASTER, 0);
        ProbeTarget moved = target("env-1", "i-master", "127.0.1.99");

        watch.environmentChanged(0, "env-1", List.of(moved), now);

        assertThat(watch.targets()).containsExactly(moved);
        assertThat(failures(MASTER, 5)).isEmpty();
        assertThat(failures(moved, 3)).extracting(Observation::verdict).containsExactly(Verdict.SUSPECT);
    }

    @Test
    void a_master_failing_beside_a_slave_and_a_booting_replacement_is_voted_on_normally() {
        ProbeTarget booting = target("env-1", "i-booting", "127.0.1.6");
        watch.environmentChanged(0, "env-1", List.of(MASTER, SLAVE, booting), now);
        for (int round = 0; round < 20; round++) {
            watch.probed(MASTER, ProbeResult.healthy(tick()));
            watch.probed(SLAVE, ProbeResult.healthy(now));
            watch.probed(booting, ProbeResult.failed("connection refused", now));
        }

        List<Observation> votes = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            votes.addAll(watch.probed(MASTER, ProbeResult.failed("connection refused", tick())));
            votes.addAll(watch.probed(SLAVE, ProbeResult.healthy(now)));
            votes.addAll(watch.probed(booting, ProbeResult.failed("connection refused", now)));
        }

        assertThat(votes).extracting(Observation::verdict).as("held back until the slave answers after the suspicion, then voted")
                .containsExactly(Verdict.ABSTAIN, Verdict.SUSPECT);
        assertThat(votes).extracting(Observation::instance).containsOnly(MASTER.instance());
        assertThat(watch.suspectsItself()).isFalse();
        assertThat(watch.sight()).isEqualTo("1 of 3 watched instances unreachable, 1 booting (not counted)");
    }

    private void healthyThenFailing(ProbeTarget target, int failures) {
        watch.probed(target, ProbeResult.healthy(tick()));
        failures(target, failures);
    }

    private List<Observation> failures(ProbeTarget target, int count) {
        List<Observation> changes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            watch.probed(target, ProbeResult.failed("connection refused", tick())).forEach(changes::add);
        }
        return changes;
    }

    private Instant tick() {
        now = now.plusSeconds(1);
        return now;
    }

    private static ProbeTarget target(String environmentId, String instanceId, String address) {
        return new ProbeTarget(new InstanceRef(environmentId, instanceId), address);
    }
}
