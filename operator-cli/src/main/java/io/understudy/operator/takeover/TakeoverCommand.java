package io.understudy.operator.takeover;

import io.understudy.contract.EnvironmentState;
import io.understudy.contract.EventMetadata;
import io.understudy.contract.PlannedTakeover;
import io.understudy.operator.connection.Connection;
import io.understudy.operator.connection.ConnectionOptions;
import io.understudy.operator.connection.OperatorKeyOptions;
import io.understudy.operator.status.Environments;
import io.understudy.signatures.OperatorKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

@Command(name = "takeover", description = "A planned takeover: the master is stopped gracefully and a slave takes over.")
public class TakeoverCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions options;

    @Mixin
    OperatorKeyOptions operatorKeyOptions;

    @Option(names = "--env", required = true, description = "the environment")
    String environment;

    @Option(names = "--to", description = "the app slave to promote (default: Understudy chooses)")
    String target;

    @Option(names = "--reason", description = "why, for the record", defaultValue = "operator's planned takeover")
    String reason;

    @Option(names = "--wait", description = "print the takeover's events until it ends; exit 1 if it fails")
    boolean await;

    @Option(names = "--timeout", description = "how long --wait waits (default: PT15M)", defaultValue = "PT15M")
    Duration timeout;

    private final PrintStream out;
    private final Clock clock;

    public TakeoverCommand(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        Optional<OperatorKey> signer = operatorKeyOptions.operatorKeyOrExplain(options.stackDir(), System.err);
        if (signer.isEmpty()) {
            return 2;
        }
        OperatorKey operator = signer.get();
        Connection connection = options.connection();
        EnvironmentState state = Environments.latest(connection).get(environment);
        Optional<String> refusal = PlannedTakeoverRequest.refusal(state, environment, target);
        if (refusal.isPresent()) {
            System.err.println(refusal.get());
            return 2;
        }
        String master = PlannedTakeoverRequest.runningMaster(state).orElseThrow().getInstanceId();
        String commandId = "operator-" + UUID.randomUUID();
        PlannedTakeover command = PlannedTakeover.newBuilder()
                .setMeta(EventMetadata.newBuilder().setEventId(commandId).setEnvironmentId(environment)
                        .setOccurredAt(clock.instant()).setProducer(operator.principal()).build())
                .setInstanceId(master).setToInstance(target).setReason(reason).build();
        OperatorCommands.send(connection, operator, environment, command);
        if (options.json()) {
            out.printf("{\"commandId\":\"%s\",\"environmentId\":\"%s\",\"master\":\"%s\"}%n", commandId, environment, master);
        } else {
            out.println("planned takeover of " + master + " in " + environment + " requested (command " + commandId + ")");
        }
        return await ? new TakeoverWatch(connection, out, options.json()).awaitEnd(environment, commandId, timeout) : 0;
    }
}
