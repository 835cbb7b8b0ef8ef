package io.understudy.operator.takeover;

import io.understudy.contract.EnvironmentState;
import io.understudy.contract.Instance;
import io.understudy.contract.InstanceStatus;
import io.understudy.contract.Role;

import java.util.Optional;

/** Whether a planned takeover makes sense now, so the operator hears why not at once rather than from the log. */
final class PlannedTakeoverRequest {
    private PlannedTakeoverRequest() {
    }

    static Optional<String> refusal(EnvironmentState state, String environment, String target) {
        if (state == null) {
            return Optional.of("environment " + environment + " is not registered");
        }
        if (state.getPausedSince() != null) {
            return Optional.of(environment + " is paused (" + state.getPauseReason() + "): ./understudy resume --env "
                    + environment + " first");
        }
        Optional<io.understudy.contract.Takeover> moving = state.getTakeovers().stream()
                .filter(t -> t.getKind() != io.understudy.contract.TakeoverKind.SLAVE_REPLACEMENT).findFirst();
        if (moving.isPresent()) {
            return Optional.of("takeover " + moving.get().getTakeoverId() + " of the master is in flight in " + environment
                    + ": one at a time");
        }
        if (runningMaster(state).isEmpty()) {
            return Optional.of(environment + " has no running app master to hand over from");
        }
        if (target != null && state.getInstances().stream().noneMatch(i -> i.getInstanceId().equals(target)
                && i.getRole() == Role.APP_SLAVE && i.getStatus() == InstanceStatus.RUNNING)) {
            return Optional.of(target + " is not a running app slave of " + environment);
        }
        return Optional.empty();
    }

    static Optional<Instance> runningMaster(EnvironmentState state) {
        return state.getInstances().stream()
                .filter(i -> i.getRole() == Role.APP_MASTER && i.getStatus() == InstanceStatus.RUNNING).findFirst();
    }
}
