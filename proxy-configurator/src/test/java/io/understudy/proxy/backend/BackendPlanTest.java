package io.understudy.proxy.backend;

import io.understudy.proxy.backend.ConfiguredServer.AdminState;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackendPlanTest {
    private static final AppServer A = new AppServer("i-a", "127.9.1.4", 8080);
    private static final AppServer B = new AppServer("i-b", "127.9.1.5", 8080);

    private static ConfiguredServer configured(AppServer server, AdminState admin) {
        return new ConfiguredServer(server.instanceId(), server.address(), server.port(), admin);
    }

    private static List<String> texts(BackendPlan plan) {
        return plan.commands().stream().map(RuntimeCommand::text).toList();
    }

    @Test
    void addsMissingServersWithChecksEnabledAndTheServerInService() {
        BackendPlan plan = BackendPlan.reconcile("app", List.of(A), List.of(), true);

        assertThat(texts(plan)).containsExactly(
                "add server app/i-a 127.9.1.4:8080 check",
                "enable health app/i-a",
                "enable server app/i-a");
        assertThat(plan.commands().get(0).expected()).isEqualTo(RuntimeCommand.Answer.SERVER_REGISTERED);
        assertThat(plan.added()).containsExactly("i-a");
        assertThat(plan.removed()).isEmpty();
    }

    @Test
    void withoutChecksAServerIsOnlyAddedAndEnabled() {
        BackendPlan plan = BackendPlan.reconcile("app", List.of(A), List.of(), false);

        assertThat(texts(plan)).containsExactly("add server app/i-a 127.9.1.4:8080", "enable server app/i-a");
    }

    @Test
    void aBackendThatAlreadyMatchesNeedsNothing() {
        BackendPlan plan = BackendPlan.reconcile("app", List.of(A, B),
                List.of(configured(B, AdminState.READY), configured(A, AdminState.READY)), true);

        assertThat(plan.nothingToDo()).isTrue();
        assertThat(plan.added()).isEmpty();
        assertThat(plan.removed()).isEmpty();
        assertThat(plan.repaired()).isEmpty();
    }

    @Test
    void unwantedServersAreRetiredNotDeletedAfterTheNewOnesAreIn() {
        BackendPlan plan = BackendPlan.reconcile("app", List.of(B), List.of(configured(A, AdminState.READY)), true);

        assertThat(texts(plan)).containsExactly(
                "add server app/i-b 127.9.1.5:8080 check",
                "enable health app/i-b",
                "enable server app/i-b",
                "disable health app/i-a",
                "set server app/i-a state maint",
                "shutdown sessions server app/i-a");
        assertThat(texts(plan)).noneMatch(t -> t.startsWith("del server"));
        assertThat(plan.removed()).containsExactly("i-a");
        assertThat(plan.added()).containsExactly("i-b");
    }

    @Test
    void anEmptyWishRetiresEveryServerInServiceAndLeavesRetiredOnesAlone() {
        BackendPlan plan = BackendPlan.reconcile("app", List.of(), List.of(configured(A, AdminState.READY), configured(B, AdminState.MAINT)), true);

        assertThat(plan.removed()).containsExactly("i-a");
        assertThat(texts(plan)).containsExactly("disable health app/i-a", "set server app/i-a state maint",
                "shutdown sessions server app/i-a");
        assertThat(BackendPlan.reconcile("app", List.of(), List.of(configured(B, AdminState.MAINT)), true).nothingToDo())
                .as("a backend holding only retired servers").isTrue();
    }

    @Test
    void aServerPointingElsewhereIsRepairedInPlace() {
        ConfiguredServer moved = new ConfiguredServer("i-a", "127.9.1.99", 8080, AdminState.READY);

        BackendPlan plan = BackendPlan.reconcile("app", List.of(A), List.of(moved), false);

        assertThat(texts(plan)).containsExactly(
                "set server app/i-a state maint",
                "set server app/i-a addr 127.9.1.4 port 8080",
                "set server app/i-a state ready");
        assertThat(plan.commands().get(1).expected()).isEqualTo(RuntimeCommand.Answer.ADDRESS_CHANGED);
        assertThat(plan.repaired()).containsExactly("i-a");
        assertThat(plan.added()).isEmpty();
        assertThat(plan.removed()).isEmpty();
    }

    @Test
    void aServerOnAnotherPortIsRepairedToo() {
        ConfiguredServer otherPort = new ConfiguredServer("i-a", A.address(), 9090, AdminState.READY);

        assertThat(BackendPlan.reconcile("app", List.of(A), List.of(otherPort), false).repaired()).containsExactly("i-a");
    }

    @Test
    void aServerLeftInMaintenanceByAnInterruptedAttemptIsRepaired() {
        BackendPlan plan = BackendPlan.reconcile("app", List.of(A), List.of(configured(A, AdminState.MAINT)), true);

        assertThat(plan.repaired()).containsExactly("i-a");
        assertThat(texts(plan)).endsWith("enable health app/i-a", "set server app/i-a state ready");
    }

    @Test
    void aDrainingServerIsPutBackInService() {
        BackendPlan plan = BackendPlan.reconcile("app", List.of(A), List.of(configured(A, AdminState.DRAIN)), true);

        assertThat(texts(plan)).containsExactly("set server app/i-a state ready");
        assertThat(plan.repaired()).isEmpty();
    }

    @Test
    void commandsAreForTheGivenBackend() {
        assertThat(texts(BackendPlan.reconcile("web", List.of(A), List.of(), false))).first().isEqualTo("add server web/i-a 127.9.1.4:8080");
    }

    @Test
    void namesThatWouldChainRuntimeCommandsAreRefused() {
        AppServer injected = new AppServer("i-a;del server app/i-b", "127.0.0.1", 8080);

        assertThatThrownBy(() -> BackendPlan.reconcile("app", List.of(injected), List.of(), true))
                .isInstanceOf(InvalidServersException.class)
                .hasMessageContaining("cannot name an HAProxy server");
    }

    @Test
    void addressesThatAreNotIpv4AreRefused() {
        for (String address : List.of("127.0.0.1 check", "app.internal", "127.0.0.256", "", "::1")) {
            assertThatThrownBy(() -> BackendPlan.reconcile("app", List.of(new AppServer("i-a", address, 8080)), List.of(), true))
                    .as(address).isInstanceOf(InvalidServersException.class);
        }
    }

    @Test
    void aServerWantedTwiceOrOnABadPortIsRefused() {
        assertThatThrownBy(() -> BackendPlan.reconcile("app", List.of(A, A), List.of(), true))
                .isInstanceOf(InvalidServersException.class).hasMessageContaining("wanted twice");
        assertThatThrownBy(() -> BackendPlan.reconcile("app", List.of(new AppServer("i-a", "127.0.0.1", 0)), List.of(), true))
                .isInstanceOf(InvalidServersException.class).hasMessageContaining("out of range");
    }

    @Test
    void answersAreComparedWithoutTrailingBlankLines() {
        assertThat(RuntimeCommand.Answer.SERVER_REGISTERED.accepts("New server registered.\n\n")).isTrue();
        assertThat(RuntimeCommand.Answer.ADDRESS_CHANGED.accepts("IP changed from '127.9.1.99' to '127.9.1.4', no need to change the port by 'stats socket command'\n\n")).isTrue();
        assertThat(RuntimeCommand.Answer.ADDRESS_CHANGED.accepts("no need to change the addr, no need to change the port by 'stats socket command'\n")).isTrue();
        assertThat(RuntimeCommand.Answer.ADDRESS_CHANGED.accepts("No such server.\n")).isFalse();
        assertThat(RuntimeCommand.Answer.SILENCE.accepts("\n")).isTrue();
        assertThat(RuntimeCommand.Answer.SILENCE.accepts("No such server.\n\n")).isFalse();

    }
}
