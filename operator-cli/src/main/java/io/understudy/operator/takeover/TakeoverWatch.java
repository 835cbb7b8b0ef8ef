package io.understudy.operator.takeover;

import io.understudy.contract.EventMetadata;
import io.understudy.contract.TakeoverCompleted;
import io.understudy.contract.TakeoverFailed;
import io.understudy.contract.TakeoverStarted;
import io.understudy.operator.connection.Connection;
import io.understudy.operator.events.EventLine;
import io.understudy.operator.log.RecordJson;
import io.understudy.operator.log.TopicReader;
import io.understudy.schemas.topic.Topic;
import org.apache.avro.specific.SpecificRecord;

import java.io.PrintStream;
import java.time.Duration;

/** Follows the public events of the takeover a command caused until it completes, fails, or the wait runs out. */
final class TakeoverWatch {
    private final Connection connection;
    private final PrintStream out;
    private final boolean json;
    private String takeoverId;
    private Integer exit;

    TakeoverWatch(Connection connection, PrintStream out, boolean json) {
        this.connection = connection;
        this.out = out;
        this.json = json;
    }

    int awaitEnd(String environment, String commandId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (TopicReader reader = new TopicReader(connection, Topic.TAKEOVER_EVENTS)) {
            reader.follow(record -> {
                if (environment.equals(record.key()) && record.value() != null) {
                    take(record.value(), commandId);
                }
            }, () -> exit != null || System.nanoTime() > deadline);
        }
        if (exit == null) {
            System.err.println("the takeover did not end within " + timeout);
            return 3;
        }
        return exit;
    }

    private void take(SpecificRecord event, String commandId) {
        EventMetadata meta = (EventMetadata) event.get(event.getSchema().getField("meta").pos());
        if (takeoverId == null && event instanceof TakeoverStarted && commandId.equals(meta.getCausationId())) {
            takeoverId = meta.getTakeoverId();
        }
        if (takeoverId == null || !takeoverId.equals(meta.getTakeoverId())) {
            return;
        }
        out.println(json ? RecordJson.of(event).toString() : EventLine.of(event));
        if (event instanceof TakeoverCompleted) {
            exit = 0;
        } else if (event instanceof TakeoverFailed) {
            exit = 1;
        }
    }
}
