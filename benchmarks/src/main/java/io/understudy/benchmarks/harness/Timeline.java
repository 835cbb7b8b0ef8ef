package io.understudy.benchmarks.harness;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One takeover's moments, as System.nanoTime() of this JVM when each was sent or seen: failure declared (just
 * before the InstanceFailed is sent), pivot command sent (the AssociateAddress reaching the instant cloud), pivot
 * done (TakeoverStepSucceeded of the pivot read) and completed (TakeoverCompleted read). 0: not yet.
 */
public final class Timeline {
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile long declared;
    private volatile long pivotCommand;
    private volatile long pivotDone;
    private volatile long completed;
    private volatile String failure;

    void declared(long at) {
        declared = at;
    }

    void pivotCommand(long at) {
        if (pivotCommand == 0) {
            pivotCommand = at;
        }
    }

    void pivotDone(long at) {
        if (pivotDone == 0) {
            pivotDone = at;
        }
    }

    void completed(long at) {
        completed = at;
        ended.countDown();
    }

    void failed(String why) {
        failure = why;
        ended.countDown();
    }

    /** True once the takeover completed or failed; false if {@code timeout} passed first. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** When the failure was declared, System.nanoTime(). */
    public long declaredAt() {
        return declared;
    }

    /** When TakeoverCompleted was read, System.nanoTime(); 0: not (yet). */
    public long completedAt() {
        return completed;
    }

    public String failure() {
        return failure;
    }

    public OptionalLong toPivotCommand() {
        return since(pivotCommand);
    }

    public OptionalLong toPivotDone() {
        return since(pivotDone);
    }

    public OptionalLong toCompleted() {
        return since(completed);
    }

    private OptionalLong since(long at) {
        return declared == 0 || at == 0 ? OptionalLong.empty() : OptionalLong.of(at - declared);
    }
}
