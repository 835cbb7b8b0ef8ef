package io.understudy.takeover.avro;

import io.understudy.contract.CapacityDegraded;
import io.understudy.contract.EnvironmentPaused;
import io.understudy.contract.EnvironmentResumed;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.RegistrationRefused;
import io.understudy.contract.TakeoverCompleted;
import io.understudy.contract.TakeoverFailed;
import io.understudy.contract.TakeoverKind;
import io.understudy.contract.TakeoverStarted;
import io.understudy.contract.TakeoverStepCompensated;
import io.understudy.contract.TakeoverStepFailed;
import io.understudy.contract.TakeoverStepSkipped;
import io.understudy.contract.TakeoverStepStarted;
import io.understudy.contract.TakeoverStepSucceeded;
import io.understudy.takeover.saga.Event;
import org.apache.avro.specific.SpecificRecord;

import java.util.Map;

/** The saga's events as the public takeover events. */
public final class Events {
    private Events() {
    }

    public static SpecificRecord toAvro(Event event, String producer) {
        return event.accept(new ContractRecord(Metadata.toAvro(event.meta(), producer)));
    }

    private static TakeoverKind kind(io.understudy.takeover.saga.Takeover.Kind kind) {
        return Enums.convert(kind, TakeoverKind.class);
    }

    /** One public event per saga event: a new saga event without one does not compile. */
    private record ContractRecord(EventMetadata meta) implements Event.Visitor<SpecificRecord> {
        @Override
        public SpecificRecord visit(Event.TakeoverStarted e) {
            return new TakeoverStarted(meta, kind(e.kind()), e.failedInstanceId(), e.candidateInstanceId(), e.reason());
        }

        @Override
        public SpecificRecord visit(Event.StepStarted e) {
            return new TakeoverStepStarted(meta, e.step(), e.attempt(), e.commandId());
        }

        @Override
        public SpecificRecord visit(Event.StepSucceeded e) {
            return new TakeoverStepSucceeded(meta, e.step(), e.attempt(), e.commandId(), e.startedAt(), Map.copyOf(e.outputs()));
        }

        @Override
        public SpecificRecord visit(Event.StepFailed e) {
            return new TakeoverStepFailed(meta, e.step(), e.attempt(), e.commandId(), e.startedAt(), e.reason(), e.retriable());
        }

        @Override
        public SpecificRecord visit(Event.StepCompensated e) {
            return new TakeoverStepCompensated(meta, e.step(), e.commandId(), e.startedAt());
        }

        @Override
        public SpecificRecord visit(Event.StepSkipped e) {
            return new TakeoverStepSkipped(meta, e.step(), e.reason());
        }

        @Override
        public SpecificRecord visit(Event.TakeoverCompleted e) {
            return new TakeoverCompleted(meta, kind(e.kind()), e.startedAt(), e.newMasterInstanceId(), e.replacementInstanceId());
        }

        @Override
        public SpecificRecord visit(Event.TakeoverFailed e) {
            return new TakeoverFailed(meta, kind(e.kind()), e.startedAt(), e.reason());
        }

        @Override
        public SpecificRecord visit(Event.EnvironmentPaused e) {
            return new EnvironmentPaused(meta, e.reason(), e.by());
        }

        @Override
        public SpecificRecord visit(Event.EnvironmentResumed e) {
            return new EnvironmentResumed(meta, e.reason(), e.by(), e.pausedFor().toMillis());
        }

        @Override
        public SpecificRecord visit(Event.RegistrationRefused e) {
            return new RegistrationRefused(meta, e.reason(), e.by() == null ? "" : e.by());
        }

        @Override
        public SpecificRecord visit(Event.CapacityDegraded e) {
            return new CapacityDegraded(meta, e.requiredAppInstances(), e.runningAppInstances());
        }
    }
}
