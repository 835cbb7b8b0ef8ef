package io.understudy.operator.audit;

import io.understudy.contract.EnvironmentState;
import io.understudy.operator.connection.Connection;
import io.understudy.operator.connection.ConnectionOptions;
import io.understudy.operator.log.EnvironmentLog;
import io.understudy.operator.status.Environments;
import io.understudy.schemas.topic.Topic;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "audit", description = "Replays an environment's log through the saga's own decide(), prints each "
        + "takeover's timeline and checks the replay against what the orchestrator recorded. Exit 1 on divergence.")
public class AuditCommand implements Callable<Integer> {
    private static final String ORCHESTRATOR = "takeover-orchestrator";

    @Mixin
    ConnectionOptions options;

    @Option(names = "--env", required = true, description = "the environment")
    String environment;

    @Option(names = "--from", description = "only takeovers started at or after this instant (ISO-8601)")
    Instant from;

    @Option(names = "--to", description = "only takeovers started before this instant (ISO-8601)")
    Instant to;

    @Option(names = "--takeover", description = "only this takeover")
    String takeover;

    private final PrintStream out;

    public AuditCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        Connection connection = options.connection();
        List<SpecificRecord> journal = EnvironmentLog.read(connection, Topic.SAGA_JOURNAL, environment);
        if (journal.isEmpty()) {
            System.err.println("no journal for environment " + environment + " on " + Topic.SAGA_JOURNAL.topicName);
            return 2;
        }
        List<SpecificRecord> recorded = EnvironmentLog.read(connection, Topic.TAKEOVER_EVENTS, environment);
        EnvironmentState recordedState = Environments.latest(connection).get(environment);
        Replay.Outcome replay = Replay.of(environment, journal, ORCHESTRATOR);
        List<String> divergences = Divergences.between(recorded, replay.events(), recordedState, replay.state());
        List<Timeline> timelines = Timelines.of(replay.events()).stream().filter(this::wanted).toList();
        out.print(options.json() ? AuditReport.json(environment, journal.size(), timelines, divergences).toPrettyString() + "\n"
                : AuditReport.text(environment, journal.size(), timelines, divergences));
        return divergences.isEmpty() ? 0 : 1;
    }

    private boolean wanted(Timeline timeline) {
        return (takeover == null || takeover.equals(timeline.takeoverId()))
                && (from == null || !timeline.startedAt().isBefore(from))
                && (to == null || timeline.startedAt().isBefore(to));
    }
}
