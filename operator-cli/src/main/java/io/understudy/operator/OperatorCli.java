package io.understudy.operator;

import io.understudy.schemas.serde.ContractClasses;
import io.understudy.operator.audit.AuditCommand;
import io.understudy.operator.events.EventsCommand;
import io.understudy.operator.pause.PauseCommand;
import io.understudy.operator.pause.ResumeCommand;
import io.understudy.operator.status.StatusCommand;
import io.understudy.operator.takeover.TakeoverCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;

/** The operator's commands, run as {@code ./understudy <command>}. */
@Command(name = "understudy", mixinStandardHelpOptions = true,
        subcommands = {StatusCommand.class, TakeoverCommand.class, PauseCommand.class, ResumeCommand.class, EventsCommand.class,
                AuditCommand.class},
        description = "Operate Understudy: status, planned takeovers, pause and resume, the public events, audits.")
public final class OperatorCli {

    public static void main(String[] args) {
        ContractClasses.trust();
        AtomicBoolean stopped = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopped.set(true)));
        System.exit(run(System.out, Clock.systemUTC(), stopped, args));
    }

    /** Runs one command line; the exit code says how it went (0 fine, 1 a failure found, 2 a refusal or bad usage). */
    public static int run(PrintStream out, Clock clock, AtomicBoolean stopped, String... args) {
        CommandLine cli = new CommandLine(new OperatorCli(), new Commands(out, clock, stopped));
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("understudy " + String.join(" ", args) + ": " + e.getMessage());
            return 1;
        });
        return cli.execute(args);
    }

    /** Builds the commands with what they print to and the clock they read. */
    private record Commands(PrintStream out, Clock clock, AtomicBoolean stopped) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            Object command;
            if (type == StatusCommand.class) {
                command = new StatusCommand(out, clock);
            } else if (type == TakeoverCommand.class) {
                command = new TakeoverCommand(out, clock);
            } else if (type == PauseCommand.class) {
                command = new PauseCommand(out, clock);
            } else if (type == ResumeCommand.class) {
                command = new ResumeCommand(out, clock);
            } else if (type == EventsCommand.class) {
                command = new EventsCommand(out, stopped);
            } else if (type == AuditCommand.class) {
                command = new AuditCommand(out);
            } else {
                return CommandLine.defaultFactory().create(type);
            }
            return type.cast(command);
        }
    }
}
