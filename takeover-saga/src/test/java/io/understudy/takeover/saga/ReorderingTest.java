package io.understudy.takeover.saga;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.understudy.takeover.saga.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Results of steps running in parallel come back in any order; the takeover ends up in the same place. */
class ReorderingTest {
    private static final String TK = TakeoverIds.takeover(ENV, "health-1");

    private static Environment afterResults(Input.CommandResult... results) {
        Run run = new Run(standardTopology());
        run.apply(failed("health-1", "i-m1", 1));
        for (Input.CommandResult result : results) {
            run.apply(result);
        }
        return run.state;
    }

    @Test
    void fenceAndProxyInEitherOrder() {
        Input.CommandResult fence = succeeded(TK + "/fence/1", 2, Map.of());
        Input.CommandResult proxy = succeeded(TK + "/proxy/1", 2, Map.of("previousServers", "i-s1"));

        assertThat(afterResults(proxy, fence)).isEqualTo(afterResults(fence, proxy));
    }

    @Test
    void aResultBeforeItsCommandWasSentIsNotTakenForIt() {
        Run run = new Run(standardTopology());
        run.apply(failed("health-1", "i-m1", 1));
        Environment before = run.state;

        Decision early = run.apply(succeeded(TK + "/snapshot/1", 2, Map.of("snapshotId", "snap-1")));

        assertThat(early.commands()).isEmpty();
        assertThat(early.state()).isEqualTo(before);
    }
}
