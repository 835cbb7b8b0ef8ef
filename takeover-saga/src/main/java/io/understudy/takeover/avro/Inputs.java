package io.understudy.takeover.avro;

import io.understudy.contract.CommandOutcome;
import io.understudy.contract.CommandResult;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.ImpendingFailure;
import io.understudy.contract.InstanceFailed;
import io.understudy.contract.InstanceFlapping;
import io.understudy.contract.InstanceRecovered;
import io.understudy.contract.InstanceSuspected;
import io.understudy.contract.PauseEnvironment;
import io.understudy.contract.PlannedTakeover;
import io.understudy.contract.RegisterEnvironment;
import io.understudy.contract.ResumeEnvironment;
import io.understudy.schemas.outcome.Outputs;
import io.understudy.takeover.saga.Environment;
import io.understudy.takeover.saga.Input;
import io.understudy.takeover.saga.Saga;
import org.apache.avro.specific.SpecificRecord;

import java.util.Optional;

/** Records on the orchestrator's input topics, as saga inputs. Anything else is not an input. */
public final class Inputs {
    private Inputs() {
    }

    public static Optional<Input> from(String environmentId, SpecificRecord value) {
        if (value instanceof RegisterEnvironment register) {
            return Optional.of(registered(environmentId, register));
        }
        if (value instanceof InstanceFailed failed) {
            return Optional.of(new Input.InstanceFailed(failed.getMeta().getEventId(), failed.getMeta().getOccurredAt(),
                    failed.getInstanceId(), failed.getReason()));
        }
        if (value instanceof InstanceSuspected suspected) {
            return Optional.of(notice(suspected.getMeta(), suspected.getInstanceId(), "InstanceSuspected"));
        }
        if (value instanceof InstanceRecovered recovered) {
            return Optional.of(notice(recovered.getMeta(), recovered.getInstanceId(), Saga.RECOVERED));
        }
        if (value instanceof ImpendingFailure impending) {
            return Optional.of(new Input.PlannedTakeover(impending.getMeta().getEventId(),
                    impending.getMeta().getOccurredAt(), impending.getInstanceId(), null,
                    "impending failure: " + impending.getReason()));
        }
        if (value instanceof PlannedTakeover planned) {
            return Optional.of(new Input.PlannedTakeover(planned.getMeta().getEventId(), planned.getMeta().getOccurredAt(),
                    planned.getInstanceId(), planned.getToInstance(), askedBy(planned.getReason(), planned.getMeta())));
        }
        if (value instanceof PauseEnvironment pause) {
            return Optional.of(new Input.PauseChanged(pause.getMeta().getEventId(), pause.getMeta().getOccurredAt(), true,
                    pause.getReason(), pause.getMeta().getProducer()));
        }
        if (value instanceof ResumeEnvironment resume) {
            return Optional.of(new Input.PauseChanged(resume.getMeta().getEventId(), resume.getMeta().getOccurredAt(),
                    false, resume.getReason(), resume.getMeta().getProducer()));
        }
        if (value instanceof InstanceFlapping flapping) {
            return Optional.of(new Input.FlappingChanged(flapping.getMeta().getEventId(), flapping.getMeta().getOccurredAt(),
                    flapping.getInstanceId(), flapping.getFlapping()));
        }
        if (value instanceof CommandResult result) {
            return Optional.of(new Input.CommandResult(result.getMeta().getEventId(), result.getMeta().getOccurredAt(),
                    result.getCommandId(), result.getCommand(), result.getOutcome() == CommandOutcome.SUCCEEDED, result.getRetriable(),
                    result.getError(), result.getOutputs(), Outputs.unwrap(result.getOutput())));
        }
        return Optional.empty();
    }

    /**
     * An operator's reason, with who asked: the operator's principal, which the orchestrator's intake has put in
     * {@code meta.producer} from the command's signature (TakeoverStarted carries it to subscribers this way).
     */
    private static String askedBy(String reason, EventMetadata meta) {
        String why = reason == null || reason.isBlank() ? "planned" : reason;
        return meta.getProducer() == null || meta.getProducer().isBlank() ? why : why + " (asked by " + meta.getProducer() + ")";
    }

    static Input.EnvironmentRegistered registered(String environmentId, RegisterEnvironment register) {
        Environment topology = Environment.registered(environmentId, register.getStackVersion(), register.getImageId(),
                new Environment.ElasticIp(register.getElasticIp().getAllocationId(), register.getElasticIp().getPublicIp()),
                register.getRequiredCapacity(), register.getDataDevice(), register.getSubnets(),
                register.getInstances().stream().map(States::fromAvro).toList(),
                Enums.convert(register.getFormerMasterPolicy(), Environment.FormerMasterPolicy.class,
                        Environment.FormerMasterPolicy.KEEP_STOPPED),
                register.getMeta().getOccurredAt());
        return new Input.EnvironmentRegistered(register.getMeta().getEventId(), register.getMeta().getOccurredAt(), topology,
                register.getMeta().getProducer());
    }

    private static Input notice(EventMetadata meta, String instanceId, String what) {
        return new Input.HealthNotice(meta.getEventId(), meta.getOccurredAt(), instanceId, what);
    }
}
