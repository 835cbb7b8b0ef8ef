package io.understudy.takeover.avro;

import io.understudy.contract.ElasticIp;
import io.understudy.contract.EnvironmentState;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.RegisterEnvironment;
import io.understudy.contract.RegistrationCheck;
import io.understudy.contract.FormerMasterPolicy;
import io.understudy.contract.InstanceStatus;
import io.understudy.contract.Role;
import io.understudy.contract.StepStatus;
import io.understudy.contract.TakeoverKind;
import io.understudy.takeover.saga.Environment;
import io.understudy.takeover.saga.Input;
import io.understudy.takeover.saga.Registration;
import io.understudy.takeover.saga.Instance;
import io.understudy.takeover.saga.StepProgress;
import io.understudy.takeover.saga.Takeover;
import io.understudy.takeover.saga.TakeoverPlans;
import io.understudy.schemas.outcome.Outputs;
import org.apache.avro.specific.SpecificRecord;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The environment state, takeover in flight included, to and from its Avro form (store and state topic). */
public final class States {
    private States() {
    }

    public static EnvironmentState toAvro(Environment environment) {
        return EnvironmentState.newBuilder()
                .setEnvironmentId(environment.id())
                .setStackVersion(environment.stackVersion())
                .setImageId(environment.imageId())
                .setElasticIp(new ElasticIp(environment.elasticIp().allocationId(), environment.elasticIp().publicIp()))
                .setRequiredCapacity(environment.requiredCapacity())
                .setDataDevice(environment.dataDevice())
                .setSubnets(Map.copyOf(environment.subnets()))
                .setInstances(environment.instances().stream().map(States::toAvro).toList())
                .setFormerMasterPolicy(Enums.convert(environment.formerMasterPolicy(), FormerMasterPolicy.class, FormerMasterPolicy.KEEP_STOPPED))
                .setFlappingInstances(environment.flapping().stream().sorted().toList())
                .setTakeover(null)
                .setTakeovers(environment.takeovers().stream().map(States::toAvro).toList())
                .setPausedSince(environment.pause() == null ? null : environment.pause().since())
                .setPauseReason(environment.pause() == null ? null : environment.pause().reason())
                .setPausedBy(environment.pause() == null ? null : environment.pause().by())
                .setDeferredUntil(Map.copyOf(environment.deferred()))
                .setRegistrationCheck(environment.registration() == null ? null : toAvro(environment.registration()))
                .setRevision(environment.revision())
                .setUpdatedAt(environment.updatedAt())
                .build();
    }

    public static Environment fromAvro(EnvironmentState state) {
        return new Environment(state.getEnvironmentId(), state.getStackVersion(), state.getImageId(),
                new Environment.ElasticIp(state.getElasticIp().getAllocationId(), state.getElasticIp().getPublicIp()),
                state.getRequiredCapacity(), state.getDataDevice(), state.getSubnets(),
                state.getInstances().stream().map(States::fromAvro).toList(),
                Enums.convert(state.getFormerMasterPolicy(), Environment.FormerMasterPolicy.class,
                        Environment.FormerMasterPolicy.KEEP_STOPPED),
                Set.copyOf(state.getFlappingInstances()), takeovers(state), pause(state), state.getDeferredUntil(),
                registration(state), state.getRevision(), state.getUpdatedAt());
    }

    private static Registration registration(EnvironmentState state) {
        RegistrationCheck check = state.getRegistrationCheck();
        if (check == null) {
            return null;
        }
        Input.EnvironmentRegistered registered = Inputs.registered(state.getEnvironmentId(), check.getRegistration());
        return new Registration(registered.eventId(), registered.topology(), registered.by(), registered.at(),
                check.getCommandId(), check.getSentAt(), check.getRetryAt());
    }

    private static RegistrationCheck toAvro(Registration registration) {
        Environment topology = registration.topology();
        RegisterEnvironment registered = RegisterEnvironment.newBuilder()
                .setMeta(EventMetadata.newBuilder().setEventId(registration.eventId()).setEnvironmentId(topology.id())
                        .setOccurredAt(registration.requestedAt()).setProducer(registration.by() == null ? "" : registration.by())
                        .build())
                .setStackVersion(topology.stackVersion())
                .setImageId(topology.imageId())
                .setElasticIp(new ElasticIp(topology.elasticIp().allocationId(), topology.elasticIp().publicIp()))
                .setRequiredCapacity(topology.requiredCapacity())
                .setDataDevice(topology.dataDevice())
                .setSubnets(Map.copyOf(topology.subnets()))
                .setInstances(topology.instances().stream().map(States::toAvro).toList())
                .setFormerMasterPolicy(Enums.convert(topology.formerMasterPolicy(), FormerMasterPolicy.class, FormerMasterPolicy.KEEP_STOPPED))
                .build();
        return RegistrationCheck.newBuilder().setCommandId(registration.commandId()).setSentAt(registration.sentAt())
                .setRetryAt(registration.retryAt()).setRegistration(registered).build();
    }

    /** State written before several takeovers could be in flight holds its one takeover in the old field. */
    private static List<Takeover> takeovers(EnvironmentState state) {
        if (state.getTakeovers().isEmpty() && state.getTakeover() != null) {
            return List.of(fromAvro(state.getTakeover()));
        }
        return state.getTakeovers().stream().map(States::fromAvro).toList();
    }

    private static Environment.Pause pause(EnvironmentState state) {
        return state.getPausedSince() == null ? null
                : new Environment.Pause(state.getPausedSince(), state.getPauseReason(), state.getPausedBy());
    }

    static io.understudy.contract.Instance toAvro(Instance instance) {
        return io.understudy.contract.Instance.newBuilder()
                .setInstanceId(instance.id())
                .setRole(Enums.convert(instance.role(), Role.class))
                .setPrivateAddress(instance.privateAddress())
                .setAvailabilityZone(instance.availabilityZone())
                .setStackVersion(instance.stackVersion())
                .setImageId(instance.imageId())
                .setDataVolumeId(instance.dataVolumeId())
                .setStatus(Enums.convert(instance.status(), InstanceStatus.class))
                .build();
    }

    static Instance fromAvro(io.understudy.contract.Instance instance) {
        return new Instance(instance.getInstanceId(), Enums.convert(instance.getRole(), Instance.Role.class),
                instance.getPrivateAddress(), instance.getAvailabilityZone(), instance.getStackVersion(),
                instance.getImageId(), instance.getDataVolumeId(),
                Enums.convert(instance.getStatus(), Instance.Status.class));
    }

    private static io.understudy.contract.Takeover toAvro(Takeover takeover) {
        return io.understudy.contract.Takeover.newBuilder()
                .setTakeoverId(takeover.id())
                .setKind(Enums.convert(takeover.kind(), TakeoverKind.class))
                .setFailedInstanceId(takeover.failedInstanceId())
                .setCandidateInstanceId(takeover.candidateInstanceId())
                .setReplacementInstanceId(takeover.replacementInstanceId())
                .setStartedAt(takeover.startedAt())
                .setCausationId(takeover.causationId())
                .setSteps(takeover.steps().stream().map(States::toAvro).toList())
                .setAbortReason(takeover.abortReason())
                .setAbandonedCandidates(takeover.abandonedCandidates())
                .setWithdrawn(takeover.withdrawn())
                .build();
    }

    private static Takeover fromAvro(io.understudy.contract.Takeover takeover) {
        return new Takeover(takeover.getTakeoverId(), Enums.convert(takeover.getKind(), Takeover.Kind.class),
                takeover.getFailedInstanceId(), takeover.getCandidateInstanceId(), takeover.getReplacementInstanceId(),
                takeover.getStartedAt(), takeover.getCausationId(),
                takeover.getSteps().stream().map(States::fromAvro).toList(), takeover.getAbortReason(),
                takeover.getAbandonedCandidates(), takeover.getWithdrawn());
    }

    private static io.understudy.contract.StepProgress toAvro(StepProgress step) {
        return io.understudy.contract.StepProgress.newBuilder()
                .setStep(step.step())
                .setStatus(Enums.convert(step.status(), StepStatus.class))
                .setAttempt(step.attempt())
                .setCommandId(step.commandId())
                .setStartedAt(step.startedAt())
                .setFinishedAt(step.finishedAt())
                .setOutputs(Map.copyOf(step.outputs()))
                .setOutput(Outputs.wrap(step.output()))
                .setError(step.error())
                .setSince(step.since())
                .setRetryAt(step.retryAt())
                .setCompensationCommandId(step.compensationCommandId())
                .build();
    }

    private static StepProgress fromAvro(io.understudy.contract.StepProgress step) {
        return new StepProgress(step.getStep(), Enums.convert(step.getStatus(), StepProgress.Status.class),
                step.getAttempt(), step.getCommandId(), step.getStartedAt(), step.getFinishedAt(), step.getOutputs(),
                outputOf(step), step.getError(), step.getSince(), step.getRetryAt(), step.getCompensationCommandId());
    }

    /** State written before typed outputs has only their map rendering: read back as the step's output type. */
    private static SpecificRecord outputOf(io.understudy.contract.StepProgress step) {
        if (step.getOutput() != null || step.getOutputs().isEmpty()) {
            return Outputs.unwrap(step.getOutput());
        }
        return TakeoverPlans.stepNamed(step.getStep()).flatMap(s -> s.readBack(step.getOutputs())).orElse(null);
    }
}
