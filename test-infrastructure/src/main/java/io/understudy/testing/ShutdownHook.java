package io.understudy.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Closes, at JVM exit, whatever tests started and did not close themselves (a failing test, a forgotten
 * close): a test run must leave no process behind. Newest first, so dependents go before what they use.
 */
final class ShutdownHook {
    private static final Set<AutoCloseable> OPEN = new LinkedHashSet<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ShutdownHook::closeAll, "understudy-test-infrastructure-shutdown"));
    }

    private ShutdownHook() {
    }

    static synchronized void register(AutoCloseable resource) {
        OPEN.add(resource);
    }

    static synchronized void unregister(AutoCloseable resource) {
        OPEN.remove(resource);
    }

    private static void closeAll() {
        List<AutoCloseable> newestFirst;
        synchronized (ShutdownHook.class) {
            newestFirst = new ArrayList<>(OPEN);
            OPEN.clear();
        }
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            try {
                newestFirst.get(i).close();
            } catch (Exception e) {
                System.err.println("could not stop " + newestFirst.get(i) + " at exit: " + e);
            }
        }
    }
}
