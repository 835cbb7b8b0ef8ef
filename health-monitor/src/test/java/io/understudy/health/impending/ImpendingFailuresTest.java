package io.understudy.health.impending;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ImpendingFailuresTest {
    private static final Instant RETIREMENT = Instant.parse("2026-12-01T10:00:00Z");
    private static final Map<String, String> WATCHED = Map.of("i-master", "shop", "i-slave", "shop");

    private static StatusReport ok(String instanceId) {
        return new StatusReport(instanceId, List.of(), "ok", "ok");
    }

    private static StatusReport retiring(String instanceId, String description) {
        return new StatusReport(instanceId, List.of(new StatusReport.ScheduledEvent("instance-event-1", "instance-retirement",
                description, Optional.of(RETIREMENT))), "ok", "ok");
    }

    @Test
    void aScheduledRetirementIsAnnouncedOnceWithItsDate() {
        ImpendingFailures failures = new ImpendingFailures();

        List<Impending> first = failures.next(WATCHED, List.of(retiring("i-master", "degraded hardware"), ok("i-slave")));
        List<Impending> second = failures.next(WATCHED, List.of(retiring("i-master", "degraded hardware"), ok("i-slave")));

        assertThat(first).singleElement().satisfies(i -> {
            assertThat(i.environmentId()).isEqualTo("shop");
            assertThat(i.instanceId()).isEqualTo("i-master");
            assertThat(i.notBefore()).contains(RETIREMENT);
            assertThat(i.reason()).contains("instance-retirement").contains("degraded hardware");
        });
        assertThat(second).isEmpty();
    }

    @Test
    void completedAndCanceledEventsAreNoWarning() {
        ImpendingFailures failures = new ImpendingFailures();

        assertThat(failures.next(WATCHED, List.of(retiring("i-master", "[Completed] degraded hardware"),
                retiring("i-slave", "[Canceled] degraded hardware")))).isEmpty();
    }

    @Test
    void impairedStatusChecksAreWarnings() {
        ImpendingFailures failures = new ImpendingFailures();

        List<Impending> found = failures.next(WATCHED, List.of(new StatusReport("i-master", List.of(), "ok", "impaired"),
                new StatusReport("i-slave", List.of(), "impaired", "ok")));

        assertThat(found).extracting(Impending::instanceId).containsExactlyInAnyOrder("i-master", "i-slave");
        assertThat(found).extracting(Impending::reason).anySatisfy(r -> assertThat(r).contains("system status check"));
    }

    @Test
    void aCauseThatClearsIsAnnouncedAgainWhenItReturns() {
        ImpendingFailures failures = new ImpendingFailures();
        StatusReport impaired = new StatusReport("i-master", List.of(), "ok", "impaired");

        assertThat(failures.next(WATCHED, List.of(impaired))).hasSize(1);
        assertThat(failures.next(WATCHED, List.of(ok("i-master")))).isEmpty();
        assertThat(failures.next(WATCHED, List.of(impaired))).hasSize(1);
    }

    @Test
    void instancesNotWatchedAreIgnored() {
        assertThat(new ImpendingFailures().next(WATCHED, List.of(retiring("i-someone-elses", "degraded hardware")))).isEmpty();
    }

    @Test
    void initialisingOrUnknownChecksAreNoWarning() {
        assertThat(new ImpendingFailures().next(WATCHED, List.of(new StatusReport("i-master", List.of(), "initializing",
                "insufficient-data")))).isEmpty();
    }

    @Test
    void aForgottenCauseIsOfferedAgain() {
        ImpendingFailures failures = new ImpendingFailures();
        List<Impending> first = failures.next(WATCHED, List.of(retiring("i-master", "degraded hardware")));

        failures.forget(first.get(0));

        assertThat(failures.next(WATCHED, List.of(retiring("i-master", "degraded hardware")))).isEqualTo(first);
    }
}
