package io.understudy.devstack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code down}: SIGTERM so Kafka closes its logs cleanly, SIGKILL if it has not finished by the deadline. */
final class StackStopper {
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final Duration AFTER_KILL = Duration.ofSeconds(10);

    private final StackFiles files;
    private final PrintStream out;

    StackStopper(StackOptions options, PrintStream out) {
        this.files = new StackFiles(options.dir());
        this.out = out;
    }

    int down() throws InterruptedException {
        Optional<ProcessHandle> running = RunningStack.find(files);
        if (running.isEmpty()) {
            files.forgetRunningStack();
            out.println("not running");
            return 0;
        }
        boolean graceful = stop(running.get());
        files.forgetRunningStack();
        out.println(graceful ? "stopped" : "killed after " + GRACE.toSeconds() + " s without stopping");
        return 0;
    }

    /** True when the process ended on SIGTERM; false when it needed SIGKILL. */
    static boolean stop(ProcessHandle process) throws InterruptedException {
        process.destroy();
        if (awaitExit(process, GRACE)) {
            return true;
        }
        process.destroyForcibly();
        if (!awaitExit(process, AFTER_KILL)) {
            throw new IllegalStateException("dev stack process " + process.pid() + " survived SIGKILL");
        }
        return false;
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) throws InterruptedException {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        }
    }
}
