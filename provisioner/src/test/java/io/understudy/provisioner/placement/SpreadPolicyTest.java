package io.understudy.provisioner.placement;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SpreadPolicyTest {
    private static final Placement A = Placement.subnet("us-east-1a", "subnet-a");
    private static final Placement B = Placement.subnet("us-east-1b", "subnet-b");
    private static final Placement C = Placement.subnet("us-east-1c", "subnet-c");

    @Test
    void spreadPrefersTheZoneWithFewestOfTheEnvironmentsInstances() {
        assertThat(SpreadPolicy.order(SpreadPolicy.Mode.SPREAD, A, List.of(B, C), Map.of("us-east-1a", 2, "us-east-1b", 1)))
                .containsExactly(C, B, A);
    }

    @Test
    void onATieTheCommandedZoneGoesFirst() {
        assertThat(SpreadPolicy.order(SpreadPolicy.Mode.SPREAD, B, List.of(A, C), Map.of()))
                .containsExactly(B, A, C);
    }

    @Test
    void asCommandedTriesTheCommandedZoneFirstThenSpreads() {
        assertThat(SpreadPolicy.order(SpreadPolicy.Mode.AS_COMMANDED, A, List.of(B, C), Map.of("us-east-1a", 5, "us-east-1b", 1)))
                .containsExactly(A, C, B);
    }

    @Test
    void oneSubnetPerZoneIsTried() {
        Placement otherInA = Placement.subnet("us-east-1a", "subnet-a2");
        Placement secondInB = Placement.subnet("us-east-1b", "subnet-b2");

        assertThat(SpreadPolicy.order(SpreadPolicy.Mode.SPREAD, A, List.of(secondInB, otherInA, B), Map.of()))
                .containsExactly(A, B);
    }

    @Test
    void theModeIsReadFromConfiguration() {
        assertThat(SpreadPolicy.Mode.of(" as-commanded ")).isEqualTo(SpreadPolicy.Mode.AS_COMMANDED);
        assertThat(SpreadPolicy.Mode.of("spread")).isEqualTo(SpreadPolicy.Mode.SPREAD);
    }
}
