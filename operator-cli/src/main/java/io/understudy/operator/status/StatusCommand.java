package io.understudy.operator.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.understudy.contract.EnvironmentState;
import io.understudy.operator.connection.ConnectionOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "status", description = "Environments, their instances and roles, and the takeovers in flight.")
public class StatusCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    ConnectionOptions options;

    @Option(names = "--env", description = "only this environment")
    String environment;

    private final PrintStream out;
    private final Clock clock;

    public StatusCommand(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public Integer call() throws Exception {
        Map<String, EnvironmentState> environments = Environments.latest(options.connection());
        if (environment != null) {
            environments.keySet().retainAll(java.util.Set.of(environment));
        }
        if (options.json()) {
            ArrayNode all = JSON.createArrayNode();
            environments.values().forEach(state -> all.add(StatusView.json(state)));
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(all));
        } else if (environments.isEmpty()) {
            out.println(environment == null ? "no environment is registered" : "environment " + environment + " is not registered");
        } else {
            environments.values().forEach(state -> out.print(StatusView.text(state, clock.instant())));
        }
        return environment != null && environments.isEmpty() ? 1 : 0;
    }
}
