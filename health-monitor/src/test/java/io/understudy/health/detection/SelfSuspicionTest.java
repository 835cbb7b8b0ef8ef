package io.understudy.health.detection;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SelfSuspicionTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration SETTLE = Duration.ofMillis(500);
    private static final Duration BOOT_GRACE = Duration.ofMinutes(10);
    private static final List<InstanceRef> SIX = IntStream.rangeClosed(1, 6)
            .mapToObj(i -> new InstanceRef(i <= 3 ? "env-1" : "env-2", "i-" + i)).toList();

    private final SelfSuspicion rule = new SelfSuspicion(0.5, 3, SETTLE, BOOT_GRACE);

    @Test
    void more_than_half_unreachable_at_once_makes_the_observer_suspect_itself() {
        watchAll(SIX, T0);
        SIX.forEach(i -> rule.probed(i, true, T0));

        Optional<SelfSuspicion.Change> third = Optional.empty();
        for (int i = 0; i < 3; i++) {
            third = rule.probed(SIX.get(i), false, T0.plusMillis(300 + i));
        }
        assertThat(third).as("3 of 6 is not more than half").isEmpty();
        assertThat(rule.abstains()).isFalse();
        Optional<SelfSuspicion.Change> fourth = rule.probed(SIX.get(3), false, T0.plusMillis(303));

        assertThat(fourth).hasValueSatisfying(change -> {
            assertThat(change.suspectsItself()).isTrue();
            assertThat(change.watched()).isEqualTo(6);
            assertThat(change.unreachable()).isEqualTo(4);
            assertThat(change.at()).isEqualTo(T0.plusMillis(303));
            assertThat(change.reason()).isEqualTo("lost sight of 4 of 6 watched instances at once (more than 50%):"
                    + " the likelier fault is this observer's own network, so it casts no failure votes");
        });
        assertThat(rule.suspectsItself()).isTrue();
        assertThat(rule.abstains()).isTrue();
        assertThat(rule.probed(SIX.get(4), false, T0.plusMillis(304))).as("said once").isEmpty();
    }

    @Test
    void one_instance_failing_among_many_is_no_reason_to_doubt_oneself() {
        watchAll(SIX, T0);
        SIX.forEach(i -> rule.probed(i, true, T0));

        for (int round = 1; round <= 100; round++) {
            Instant at = T0.plusMillis(100L * round);
            for (InstanceRef instance : SIX) {
                assertThat(rule.probed(instance, instance != SIX.get(0), at)).isEmpty();
            }
        }

        assertThat(rule.suspectsItself()).isFalse();
        assertThat(rule.abstains()).isFalse();
        assertThat(rule.sight()).isEqualTo("1 of 6 watched instances unreachable");
    }

    @Test
    void it_stops_only_after_seeing_most_again_for_the_settle_period_and_a_relapse_starts_that_over() {
        watchAll(SIX, T0.minus(BOOT_GRACE));
        SIX.forEach(i -> rule.probed(i, false, T0));
        assertThat(rule.suspectsItself()).isTrue();

        SIX.subList(0, 3).forEach(i -> rule.probed(i, true, T0.plusMillis(1_000)));
        assertThat(rule.probed(SIX.get(0), false, T0.plusMillis(1_400))).as("a relapse: 4 of 6 again").isEmpty();
        assertThat(rule.probed(SIX.get(0), true, T0.plusMillis(1_450))).isEmpty();
        assertThat(rule.probed(SIX.get(3), true, T0.plusMillis(1_900))).as("450 ms since the view came back").isEmpty();
        assertThat(rule.abstains()).isTrue();
        Optional<SelfSuspicion.Change> end = rule.probed(SIX.get(5), false, T0.plusMillis(1_950));

        assertThat(end).hasValueSatisfying(change -> {
            assertThat(change.suspectsItself()).isFalse();
            assertThat(change.unreachable()).isEqualTo(2);
            assertThat(change.reason()).isEqualTo("sees most of its instances again: 2 of 6 watched instances unreachable"
                    + " (at most 50%) for 500ms");
        });
        assertThat(rule.abstains()).isFalse();
    }

    @Test
    void an_observer_watching_fewer_than_the_minimum_never_suspects_itself() {
        watchAll(SIX.subList(0, 2), T0);

        SIX.subList(0, 2).forEach(i -> rule.probed(i, false, T0));

        assertThat(rule.suspectsItself()).isFalse();
        assertThat(rule.abstains()).isFalse();
    }

    @Test
    void instances_not_probed_yet_count_against_the_observer_until_they_are() {
        watchAll(SIX, T0.minus(BOOT_GRACE));
        SIX.subList(0, 2).forEach(i -> rule.probed(i, false, T0));

        assertThat(rule.abstains()).as("2 unreachable and 4 unknown could be a cut").isTrue();
        assertThat(rule.suspectsItself()).as("but nothing says so yet").isFalse();
        assertThat(rule.sight()).isEqualTo("2 of 6 watched instances unreachable, 4 not probed yet");
        SIX.subList(2, 6).forEach(i -> rule.probed(i, true, T0.plusMillis(5)));
        assertThat(rule.abstains()).isFalse();
    }

    @Test
    void an_instance_that_never_answered_counts_once_its_boot_grace_has_passed() {
        watchAll(SIX, T0.minus(BOOT_GRACE));

        SIX.forEach(i -> rule.probed(i, false, T0));

        assertThat(rule.suspectsItself()).as("an observer started inside a cut").isTrue();
    }

    @Test
    void an_instance_booting_within_its_grace_counts_neither_way() {
        List<InstanceRef> running = SIX.subList(0, 3);
        watchAll(running, T0.minus(BOOT_GRACE));
        rule.watch(SIX.get(3), T0);
        rule.watch(SIX.get(4), T0);
        running.forEach(i -> rule.probed(i, true, T0));
        rule.probed(SIX.get(3), false, T0);
        rule.probed(SIX.get(4), false, T0);

        rule.probed(SIX.get(0), false, T0.plusSeconds(1));

        assertThat(rule.suspectsItself()).as("1 of the 3 that count: the booting ones are expected not to answer").isFalse();
        assertThat(rule.abstains()).isFalse();
        assertThat(rule.sight()).isEqualTo("1 of 5 watched instances unreachable, 2 booting (not counted)");
        assertThat(rule.probed(SIX.get(1), false, T0.plusSeconds(1))).hasValueSatisfying(change -> assertThat(change.reason())
                .startsWith("lost sight of 2 of 5 watched instances at once (more than 50% of the 3 not booting)"));
    }

    @Test
    void an_instance_that_answered_once_counts_whatever_its_grace() {
        watchAll(SIX.subList(0, 3), T0);
        SIX.subList(0, 3).forEach(i -> rule.probed(i, true, T0));

        SIX.subList(0, 3).forEach(i -> rule.probed(i, false, T0.plusSeconds(1)));

        assertThat(rule.suspectsItself()).isTrue();
    }

    @Test
    void forgotten_instances_no_longer_count_and_unwatched_ones_never_did() {
        watchAll(SIX, T0);
        SIX.forEach(i -> rule.probed(i, true, T0));
        SIX.subList(0, 3).forEach(rule::forget);

        assertThat(rule.probed(SIX.get(0), false, T0.plusMillis(1))).isEmpty();
        rule.probed(SIX.get(3), false, T0.plusMillis(2));
        Optional<SelfSuspicion.Change> change = rule.probed(SIX.get(4), false, T0.plusMillis(3));

        assertThat(rule.watched()).isEqualTo(3);
        assertThat(change).hasValueSatisfying(c -> assertThat(c.unreachable()).isEqualTo(2));
    }

    @Test
    void a_fraction_of_one_never_suspects() {
        SelfSuspicion never = new SelfSuspicion(1.0, 1, SETTLE, BOOT_GRACE);
        SIX.forEach(i -> never.watch(i, T0));

        SIX.forEach(i -> never.probed(i, false, T0));

        assertThat(never.suspectsItself()).isFalse();
    }

    @Test
    void refuses_settings_that_cannot_mean_anything() {
        assertThatThrownBy(() -> new SelfSuspicion(0, 3, SETTLE, BOOT_GRACE)).hasMessageContaining("fraction must be in (0, 1]");
        assertThatThrownBy(() -> new SelfSuspicion(1.5, 3, SETTLE, BOOT_GRACE)).hasMessageContaining("fraction must be in (0, 1]");
        assertThatThrownBy(() -> new SelfSuspicion(Double.NaN, 3, SETTLE, BOOT_GRACE)).hasMessageContaining("fraction");
        assertThatThrownBy(() -> new SelfSuspicion(0.5, 0, SETTLE, BOOT_GRACE)).hasMessageContaining("min-watched must be at least 1");
    }

    private void watchAll(List<InstanceRef> instances, Instant firstSeen) {
        instances.forEach(i -> rule.watch(i, firstSeen));
    }
}
