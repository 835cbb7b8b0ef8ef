package io.understudy.demo.polling;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Waits for a condition by polling it until a deadline: what the demo needs of a wait, in its own main code rather
 * than from a test library. As the demo used it: the first look comes one poll interval after the start, and again
 * every interval; a fail-fast condition is checked before each look and ends the wait with its reason; an exception
 * from the condition ends the wait unless exceptions are ignored, then the last one becomes the cause of the
 * {@link TimedOut} when the deadline passes.
 */
public final class Polling {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);

    private final String alias;
    private Duration atMost = DEFAULT_TIMEOUT;
    private Duration interval = DEFAULT_INTERVAL;
    private String failFastReason;
    private Callable<Boolean> failFast;
    private boolean ignoreExceptions;

    private Polling(String alias) {
        this.alias = alias;
    }

    /** A wait for what {@code alias} says, e.g. "the sandbox's endpoint file", named in its timeout. */
    public static Polling await(String alias) {
        return new Polling(alias);
    }

    public Polling atMost(Duration timeout) {
        this.atMost = timeout;
        return this;
    }

    public Polling pollInterval(Duration interval) {
        this.interval = interval;
        return this;
    }

    /** Ends the wait at once, with {@code reason}, when {@code failed} turns true (a process that exited). */
    public Polling failFast(String reason, Callable<Boolean> failed) {
        this.failFastReason = reason;
        this.failFast = failed;
        return this;
    }

    public Polling ignoreExceptions() {
        this.ignoreExceptions = true;
        return this;
    }

    /** Returns once {@code condition} is true; throws {@link TimedOut} when it is not by the deadline. */
    public void until(Callable<Boolean> condition) {
        long deadline = System.nanoTime() + atMost.toNanos();
        Throwable ignored = null;
        while (true) {
            sleep(Math.min(interval.toNanos(), Math.max(0, deadline - System.nanoTime())));
            if (System.nanoTime() - deadline >= 0) {
                throw new TimedOut(String.format(Locale.ROOT, "Condition with alias '%s' didn't complete within %s",
                        alias, words(atMost)), ignored);
            }
            if (failFast != null && Boolean.TRUE.equals(call(failFast))) {
                throw new FailedFast(failFastReason);
            }
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (Exception e) {
                if (!ignoreExceptions) {
                    throw Polling.<RuntimeException>rethrow(e);
                }
                ignored = e;
            }
        }
    }

    private static Boolean call(Callable<Boolean> callable) {
        try {
            return callable.call();
        } catch (Exception e) {
            throw Polling.<RuntimeException>rethrow(e);
        }
    }

    /** Sleeps the whole time even when interrupted, and keeps the interrupt for whoever looks next. */
    private static void sleep(long nanos) {
        boolean interrupted = false;
        long end = System.nanoTime() + nanos;
        try {
            for (long left = nanos; left > 0; left = end - System.nanoTime()) {
                try {
                    Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String words(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " seconds" : millis + " milliseconds";
    }

    /** The condition's own exception, checked or not, as it was thrown. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E rethrow(Throwable t) throws E {
        throw (E) t;
    }

    /** The condition was not true by the deadline. */
    public static final class TimedOut extends RuntimeException {
        TimedOut(String message, Throwable lastIgnored) {
            super(message, lastIgnored);
        }
    }

    /** The fail-fast condition turned true; the message is its reason. */
    public static final class FailedFast extends RuntimeException {
        FailedFast(String reason) {
            super(reason);
        }
    }
}
