package io.understudy.demo.process;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Everything the demo started, stopped in reverse order when the run ends, fails or is interrupted (a shutdown
 * hook covers Ctrl-C and SIGTERM). With {@code keep} nothing is stopped and the way to stop it is printed.
 */
public final class Supervisor implements AutoCloseable {
    private record Started(String description, AutoCloseable resource) {
    }

    private final Deque<Started> started = new ArrayDeque<>();
    private final boolean keep;
    private final PrintStream out;
    private final Thread hook = new Thread(this::stopAll, "understudy-demo-shutdown");
    private boolean stopped;

    public Supervisor(boolean keep, PrintStream out) {
        this.keep = keep;
        this.out = out;
        if (!keep) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    public synchronized <T extends AutoCloseable> T supervise(String description, T resource) {
        started.push(new Started(description, resource));
        return resource;
    }

    @Override
    public void close() {
        stopAll();
        removeHook();
    }

    private void removeHook() {
        if (!keep) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook is running this very method
            }
        }
    }

    /** Stops everything even with {@code keep}: what failed to start is of no use to anyone. */
    public void abort() {
        stop(true);
    }

    private void stopAll() {
        stop(!keep);
    }

    private synchronized void stop(boolean really) {
        if (stopped) {
            return;
        }
        stopped = true;
        if (!really) {
            out.println("left running (--keep):");
            started.forEach(s -> out.println("  " + s.description()));
            return;
        }
        while (!started.isEmpty()) {
            Started next = started.pop();
            try {
                next.resource().close();
            } catch (Exception e) {
                out.println("could not stop " + next.description() + ": " + e);
            }
        }
    }
}
