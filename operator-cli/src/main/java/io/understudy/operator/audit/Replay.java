package io.understudy.operator.audit;

import io.understudy.contract.EnvironmentState;
import io.understudy.contract.SagaTick;
import io.understudy.takeover.avro.Events;
import io.understudy.takeover.avro.Inputs;
import io.understudy.takeover.avro.States;
import io.understudy.takeover.saga.Decision;
import io.understudy.takeover.saga.Environment;
import io.understudy.takeover.saga.Input;
import io.understudy.takeover.saga.Saga;
import org.apache.avro.specific.SpecificRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The saga run again over its journal: the same decide(), the same inputs in the same order, no I/O. */
public final class Replay {
    private Replay() {
    }

    /** What the saga says and ends up with when it takes in the journal once more. */
    public record Outcome(List<SpecificRecord> events, EnvironmentState state) {
    }

    public static Outcome of(String environmentId, List<SpecificRecord> journal, String producer) {
        Environment state = null;
        List<SpecificRecord> events = new ArrayList<>();
        for (SpecificRecord record : journal) {
            Optional<Input> input = input(environmentId, record);
            if (input.isEmpty()) {
                continue;
            }
            Decision decision = Saga.decide(state, input.get());
            decision.events().forEach(event -> events.add(Events.toAvro(event, producer)));
            state = decision.state();
        }
        return new Outcome(events, state == null ? null : States.toAvro(state));
    }

    private static Optional<Input> input(String environmentId, SpecificRecord record) {
        if (record instanceof SagaTick tick) {
            return Optional.of(new Input.Tick(tick.getMeta().getOccurredAt()));
        }
        return Inputs.from(environmentId, record);
    }
}
