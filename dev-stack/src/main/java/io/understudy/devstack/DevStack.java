package io.understudy.devstack;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * The dev stack's command line: {@code up} starts a single-node Kafka broker and the schema registry on loopback
 * as one background JVM, {@code down} stops it, {@code status} tells where it is. Kafka's data and the schemas
 * stay in the stack directory between runs.
 */
public final class DevStack {
    /** LSB's exit code for "program is not running". */
    static final int NOT_RUNNING = 3;

    private DevStack() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws InterruptedException {
        StackOptions options;
        try {
            options = StackOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        return switch (options.command()) {
            case "up" -> new StackStarter(options, out, err).up();
            case "down" -> new StackStopper(options, out).down();
            case "status" -> status(new StackFiles(options.dir()), out);
            default -> {
                err.println("unknown command " + options.command() + "\n" + StackOptions.USAGE);
                yield 2;
            }
        };
    }

    private static int status(StackFiles files, PrintStream out) {
        Optional<ProcessHandle> running = RunningStack.find(files);
        Optional<StackAddresses> addresses = files.addresses();
        if (running.isEmpty()) {
            out.println("not running");
            return NOT_RUNNING;
        }
        if (addresses.isEmpty()) {
            out.println("starting (pid " + running.get().pid() + ")");
            return 0;
        }
        out.println(addresses.get().describe());
        return 0;
    }
}
