package io.understudy.operator.pause;

import io.understudy.contract.EnvironmentState;
import io.understudy.contract.EventMetadata;
import io.understudy.operator.connection.Connection;
import io.understudy.operator.connection.ConnectionOptions;
import io.understudy.operator.connection.OperatorKeyOptions;
import io.understudy.operator.log.TopicReader;
import io.understudy.operator.status.Environments;
import io.understudy.operator.takeover.OperatorCommands;
import io.understudy.schemas.topic.Topic;
import io.understudy.signatures.OperatorKey;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Pause or resume: publishes the operator's command and, with {@code --wait}, returns once the orchestrator's state
 * of the environment says it took it in.
 */
abstract class PauseChange implements Callable<Integer> {
    @Mixin
    ConnectionOptions options;

    @Mixin
    OperatorKeyOptions operatorKeyOptions;

    @Option(names = "--env", required = true, description = "the environment")
    String environment;

    @Option(names = "--reason", description = "why, for the record")
    String reason;

    @Option(names = "--wait", description = "wait until the orchestrator has taken it in; exit 3 if it has not within --timeout")
    boolean await;

    @Option(names = "--timeout", description = "how long --wait waits (default: PT1M)", defaultValue = "PT1M")
    Duration timeout;

    private final PrintStream out;
    private final Clock clock;
    private final boolean pause;

    PauseChange(PrintStream out, Clock clock, boolean pause) {
        this.out = out;
        this.clock = clock;
        this.pause = pause;
    }

    abstract SpecificRecord command(EventMetadata meta);

    @Override
    public Integer call() {
        Optional<OperatorKey> signer = operatorKeyOptions.operatorKeyOrExplain(options.stackDir(), System.err);
        if (signer.isEmpty()) {
            return 2;
        }
        OperatorKey operator = signer.get();
        Connection connection = options.connection();
        if (Environments.latest(connection).get(environment) == null) {
            System.err.println("environment " + environment + " is not registered");
            return 2;
        }
        String commandId = "operator-" + UUID.randomUUID();
        EventMetadata meta = EventMetadata.newBuilder().setEventId(commandId).setEnvironmentId(environment)
                .setOccurredAt(clock.instant()).setProducer(operator.principal()).build();
        OperatorCommands.send(connection, operator, environment, command(meta));
        String what = pause ? "pause" : "resume";
        if (options.json()) {
            out.printf("{\"commandId\":\"%s\",\"environmentId\":\"%s\",\"requested\":\"%s\"}%n", commandId, environment, what);
        } else {
            out.println(what + " of " + environment + " requested (command " + commandId + ")");
        }
        return await ? awaitTakenIn(connection) : 0;
    }

    /** The orchestrator's answer is a new state record of the environment: followed until it says so. */
    private int awaitTakenIn(Connection connection) {
        long deadline = System.nanoTime() + timeout.toNanos();
        AtomicBoolean done = new AtomicBoolean();
        try (TopicReader reader = new TopicReader(connection, Topic.ENVIRONMENT_STATE)) {
            reader.follow(record -> {
                if (environment.equals(record.key()) && record.value() instanceof EnvironmentState state) {
                    done.set((state.getPausedSince() != null) == pause);
                }
            }, () -> done.get() || System.nanoTime() > deadline);
        }
        if (!done.get()) {
            System.err.println("the orchestrator did not take the " + (pause ? "pause" : "resume") + " in within " + timeout);
            return 3;
        }
        out.println(environment + (pause ? " is paused" : " is no longer paused"));
        return 0;
    }
}
