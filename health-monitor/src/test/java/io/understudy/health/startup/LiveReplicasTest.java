package io.understudy.health.startup;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LiveReplicasTest {
    private final LiveReplicas replicas = new LiveReplicas(2);

    @Test
    void counts_the_members_and_their_known_zones() {
        replicas.update(Map.of("a", "zone-1", "b", "zone-2", "c", "zone-2", "d", ""));

        assertThat(replicas.count()).isEqualTo(4);
        assertThat(replicas.zones()).containsExactly("zone-1", "zone-2");
        assertThat(LiveReplicas.describe(replicas.zones())).isEqualTo("zone-1, zone-2");
    }

    @Test
    void an_empty_membership_before_the_first_assignment_changes_nothing() {
        replicas.update(Map.of("a", "zone-1"));

        replicas.update(Map.of());

        assertThat(replicas.count()).isEqualTo(1);
        assertThat(LiveReplicas.describe(new LiveReplicas(1).zones())).isEqualTo("unknown");
    }
}
