package io.understudy.operator.events;

import io.understudy.contract.CapacityDegraded;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.TakeoverCompleted;
import io.understudy.contract.TakeoverFailed;
import io.understudy.contract.TakeoverStarted;
import io.understudy.contract.TakeoverStepCompensated;
import io.understudy.contract.TakeoverStepFailed;
import io.understudy.contract.TakeoverStepStarted;
import io.understudy.contract.TakeoverStepSucceeded;
import org.apache.avro.specific.SpecificRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** One public event as one line a person reads: when, which environment and takeover, what happened. */
public final class EventLine {
    private EventLine() {
    }

    public static String of(SpecificRecord event) {
        EventMetadata meta = (EventMetadata) event.get(event.getSchema().getField("meta").pos());
        String takeover = meta.getTakeoverId() == null ? "" : " " + meta.getTakeoverId();
        return meta.getOccurredAt() + " " + meta.getEnvironmentId() + takeover + "  " + what(event, meta.getOccurredAt());
    }

    private static String what(SpecificRecord event, Instant at) {
        if (event instanceof TakeoverStarted e) {
            return "STARTED " + e.getKind() + " of " + e.getFailedInstanceId()
                    + (e.getCandidateInstanceId() == null ? "" : ", candidate " + e.getCandidateInstanceId()) + ": " + e.getReason();
        }
        if (event instanceof TakeoverStepStarted e) {
            return "step " + e.getStep() + " started (attempt " + e.getAttempt() + ")";
        }
        if (event instanceof TakeoverStepSucceeded e) {
            return "step " + e.getStep() + " succeeded in " + seconds(e.getStartedAt(), at) + " (attempt " + e.getAttempt() + ")"
                    + (e.getOutputs().isEmpty() ? "" : " " + e.getOutputs());
        }
        if (event instanceof TakeoverStepFailed e) {
            return "step " + e.getStep() + " failed after " + seconds(e.getStartedAt(), at) + " (attempt " + e.getAttempt()
                    + (e.getRetriable() ? ", will retry" : ", for good") + "): " + e.getReason();
        }
        if (event instanceof TakeoverStepCompensated e) {
            return "step " + e.getStep() + " compensated (undone)";
        }
        if (event instanceof TakeoverCompleted e) {
            return "COMPLETED " + e.getKind() + " in " + seconds(e.getStartedAt(), at)
                    + (e.getNewMasterInstanceId() == null ? "" : ": new master " + e.getNewMasterInstanceId())
                    + (e.getReplacementInstanceId() == null ? "" : ", replacement " + e.getReplacementInstanceId());
        }
        if (event instanceof TakeoverFailed e) {
            return "FAILED " + e.getKind() + " after " + seconds(e.getStartedAt(), at) + ": " + e.getReason();
        }
        if (event instanceof CapacityDegraded e) {
            return "capacity degraded: " + e.getRunningAppInstances() + " of " + e.getRequiredAppInstances()
                    + " app instances running";
        }
        return event.getSchema().getName();
    }

    static String seconds(Instant from, Instant to) {
        return String.format(Locale.ROOT, "%.1f s", Duration.between(from, to).toMillis() / 1000.0);
    }
}
