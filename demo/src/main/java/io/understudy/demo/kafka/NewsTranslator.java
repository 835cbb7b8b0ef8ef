package io.understudy.demo.kafka;

import io.understudy.contract.CapacityDegraded;
import io.understudy.contract.InstanceFailed;
import io.understudy.contract.InstanceSuspected;
import io.understudy.contract.TakeoverCompleted;
import io.understudy.contract.TakeoverFailed;
import io.understudy.contract.TakeoverStarted;
import io.understudy.contract.TakeoverStepCompensated;
import io.understudy.contract.TakeoverStepFailed;
import io.understudy.contract.TakeoverStepStarted;
import io.understudy.contract.TakeoverStepSucceeded;
import io.understudy.demo.takeover.StepOutcome;
import io.understudy.demo.takeover.TakeoverNews;
import org.apache.avro.specific.SpecificRecord;

import java.util.Optional;
import java.util.TreeMap;

/** Health and public takeover events in the contract's Avro classes, told as {@link TakeoverNews}. */
final class NewsTranslator {
    private NewsTranslator() {
    }

    static Optional<TakeoverNews> translate(SpecificRecord record) {
        return Optional.ofNullable(news(record));
    }

    private static TakeoverNews news(SpecificRecord record) {
        if (record instanceof InstanceSuspected e) {
            return new TakeoverNews.FailureDetected(e.getMeta().getOccurredAt().toEpochMilli(), e.getInstanceId(), true, e.getReason());
        }
        if (record instanceof InstanceFailed e) {
            return new TakeoverNews.FailureDetected(e.getMeta().getOccurredAt().toEpochMilli(), e.getInstanceId(), false, e.getReason());
        }
        if (record instanceof TakeoverStarted e) {
            return new TakeoverNews.TakeoverBegan(e.getMeta().getOccurredAt().toEpochMilli(), e.getKind().name(), e.getFailedInstanceId(),
                    e.getCandidateInstanceId());
        }
        if (record instanceof TakeoverStepStarted e) {
            return new TakeoverNews.StepBegan(e.getMeta().getOccurredAt().toEpochMilli(), e.getStep(), e.getAttempt());
        }
        if (record instanceof TakeoverStepSucceeded e) {
            String outputs = e.getOutputs().isEmpty() ? "" : new TreeMap<>(e.getOutputs()).toString();
            return new TakeoverNews.StepEnded(e.getMeta().getOccurredAt().toEpochMilli(), e.getStep(), e.getAttempt(), e.getStartedAt().toEpochMilli(),
                    StepOutcome.SUCCEEDED, outputs);
        }
        if (record instanceof TakeoverStepFailed e) {
            return new TakeoverNews.StepEnded(e.getMeta().getOccurredAt().toEpochMilli(), e.getStep(), e.getAttempt(), e.getStartedAt().toEpochMilli(),
                    StepOutcome.FAILED, e.getReason() + (e.getRetriable() ? " (will retry)" : ""));
        }
        if (record instanceof TakeoverStepCompensated e) {
            return new TakeoverNews.StepEnded(e.getMeta().getOccurredAt().toEpochMilli(), e.getStep(), 1, e.getStartedAt().toEpochMilli(),
                    StepOutcome.COMPENSATED, "");
        }
        if (record instanceof TakeoverCompleted e) {
            return new TakeoverNews.TakeoverEnded(e.getMeta().getOccurredAt().toEpochMilli(), true, e.getNewMasterInstanceId(),
                    e.getReplacementInstanceId(), null);
        }
        if (record instanceof TakeoverFailed e) {
            return new TakeoverNews.TakeoverEnded(e.getMeta().getOccurredAt().toEpochMilli(), false, null, null, e.getReason());
        }
        if (record instanceof CapacityDegraded e) {
            return new TakeoverNews.CapacityShort(e.getMeta().getOccurredAt().toEpochMilli(), e.getRequiredAppInstances(), e.getRunningAppInstances());
        }
        return null;
    }
}
