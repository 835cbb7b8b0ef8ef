package io.understudy.operator.status;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.understudy.contract.EnvironmentState;
import io.understudy.contract.Instance;
import io.understudy.contract.InstanceStatus;
import io.understudy.contract.RegistrationCheck;
import io.understudy.contract.StepProgress;
import io.understudy.contract.Takeover;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One environment's state, for people (text) and for programs (json). */
final class StatusView {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StatusView() {
    }

    static String text(EnvironmentState state, Instant now) {
        StringBuilder text = new StringBuilder();
        long running = state.getInstances().stream().filter(StatusView::runningApp).count();
        text.append(String.format("%s  stack %s  Elastic IP %s (%s)  capacity %d+1, %d app instances running  revision %d%n",
                state.getEnvironmentId(), state.getStackVersion(), state.getElasticIp().getPublicIp(),
                state.getElasticIp().getAllocationId(), state.getRequiredCapacity(), running, state.getRevision()));
        for (Instance instance : state.getInstances()) {
            text.append(String.format("  %-22s %-10s %-8s %-15s %-12s %s%s%n", instance.getInstanceId(),
                    instance.getRole().name().toLowerCase(), instance.getStatus(), instance.getPrivateAddress(),
                    instance.getAvailabilityZone(), instance.getStackVersion(),
                    instance.getDataVolumeId() == null ? "" : "  data " + instance.getDataVolumeId()));
        }
        if (state.getPausedSince() != null) {
            text.append(String.format("  PAUSED since %s by %s: %s (./understudy resume --env %s)%n", state.getPausedSince(),
                    state.getPausedBy(), state.getPauseReason(), state.getEnvironmentId()));
        }
        RegistrationCheck check = state.getRegistrationCheck();
        if (check != null) {
            text.append(String.format("  registration %s being checked against the cloud since %s (%s)%s%n",
                    check.getRegistration().getMeta().getEventId(), check.getSentAt(), check.getCommandId(),
                    check.getRetryAt() == null ? "" : ", could not be made yet: tried again at " + check.getRetryAt()));
        }
        List<Takeover> takeovers = takeovers(state);
        if (takeovers.isEmpty()) {
            text.append("  no takeover in flight\n");
        }
        for (Takeover takeover : takeovers) {
            text.append(String.format("  takeover %s: %s of %s, candidate %s, started %s%n", takeover.getTakeoverId(),
                    takeover.getKind(), takeover.getFailedInstanceId(), takeover.getCandidateInstanceId(),
                    takeover.getStartedAt()));
            takeover.getSteps().forEach(step -> text.append(stepLine(step, now)));
        }
        state.getDeferredUntil().forEach((instance, until) -> text.append(String.format(
                "  %s: its takeover did not succeed; tried again from %s%n", instance, until)));
        return text.toString();
    }

    /** Every takeover in flight; state written before several could be in flight holds one in the old field. */
    static List<Takeover> takeovers(EnvironmentState state) {
        if (state.getTakeovers().isEmpty() && state.getTakeover() != null) {
            return List.of(state.getTakeover());
        }
        return state.getTakeovers();
    }

    static ObjectNode json(EnvironmentState state) {
        ObjectNode node = NODES.objectNode()
                .put("environmentId", state.getEnvironmentId())
                .put("stackVersion", state.getStackVersion())
                .put("elasticIp", state.getElasticIp().getPublicIp())
                .put("allocationId", state.getElasticIp().getAllocationId())
                .put("requiredCapacity", state.getRequiredCapacity())
                .put("runningAppInstances", state.getInstances().stream().filter(StatusView::runningApp).count())
                .put("revision", state.getRevision())
                .put("updatedAt", state.getUpdatedAt().toString());
        state.getInstances().forEach(i -> node.withArray("instances").add(NODES.objectNode()
                .put("instanceId", i.getInstanceId()).put("role", i.getRole().name().toLowerCase())
                .put("status", i.getStatus().name()).put("privateAddress", i.getPrivateAddress())
                .put("availabilityZone", i.getAvailabilityZone()).put("stackVersion", i.getStackVersion())
                .put("dataVolumeId", i.getDataVolumeId())));
        node.put("paused", state.getPausedSince() != null);
        if (state.getPausedSince() != null) {
            node.putObject("pause").put("since", state.getPausedSince().toString()).put("by", state.getPausedBy())
                    .put("reason", state.getPauseReason());
        }
        RegistrationCheck check = state.getRegistrationCheck();
        if (check != null) {
            node.putObject("registrationCheck").put("registration", check.getRegistration().getMeta().getEventId())
                    .put("commandId", check.getCommandId()).put("sentAt", check.getSentAt().toString())
                    .put("retryAt", check.getRetryAt() == null ? null : check.getRetryAt().toString());
        }
        List<Takeover> takeovers = takeovers(state);
        takeovers.forEach(t -> node.withArray("takeovers").add(json(t)));
        if (!takeovers.isEmpty()) {
            node.set("takeover", json(takeovers.get(0))); // the oldest in flight, as before there could be several
        }
        state.getDeferredUntil().forEach((instance, until) -> node.with("deferredUntil").put(instance, until.toString()));
        return node;
    }

    private static ObjectNode json(Takeover takeover) {
        ObjectNode inFlight = NODES.objectNode().put("takeoverId", takeover.getTakeoverId())
                .put("kind", takeover.getKind().name()).put("failedInstanceId", takeover.getFailedInstanceId())
                .put("candidateInstanceId", takeover.getCandidateInstanceId())
                .put("startedAt", takeover.getStartedAt().toString());
        takeover.getSteps().forEach(s -> inFlight.withArray("steps").add(NODES.objectNode()
                .put("step", s.getStep()).put("status", s.getStatus().name()).put("attempt", s.getAttempt())
                .put("since", s.getSince() == null ? null : s.getSince().toString())
                .put("error", s.getError())));
        return inFlight;
    }

    private static String stepLine(StepProgress step, Instant now) {
        String since = step.getSince() == null || step.getFinishedAt() != null ? ""
                : String.format("  for %d s", Duration.between(step.getSince(), now).toSeconds());
        String error = step.getError() == null ? "" : "  last error: " + step.getError();
        return String.format("    %-12s %-12s attempt %d%s%s%n", step.getStep(), step.getStatus(), step.getAttempt(), since, error);
    }

    private static boolean runningApp(Instance instance) {
        return instance.getStatus() == InstanceStatus.RUNNING && instance.getRole().name().startsWith("APP_");
    }
}
