package io.understudy.invariants;

import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The checker as a test suite runs it: for the whole suite, on an EC2 client of its own (so that what it sees does not
 * depend on what the services' clients go through), every environment watched from its creation. Awaits call
 * {@link #failOnViolation} to fail at once rather than at their deadline; {@link #close} prints the figures and fails
 * the suite if a promise broke or too few samples were taken to say.
 */
public final class WholeRun implements AutoCloseable {
    private final Ec2Client ec2;
    private final InvariantChecker checker;

    private WholeRun(Ec2Client ec2, InvariantChecker checker) {
        this.ec2 = ec2;
        this.checker = checker;
    }

    /** Starts sampling through {@code ec2}, which it closes when it is closed. */
    public static WholeRun start(Ec2Client ec2) {
        return new WholeRun(ec2, InvariantChecker.start(ec2, InvariantChecker.INTERVAL, null));
    }

    public void watch(String environmentId, String allocationId) {
        checker.watch(environmentId, allocationId);
    }

    /** Throws the first broken promise, if any: for a test's await to stop at once. */
    public void failOnViolation() {
        checker.firstViolation().ifPresent(v -> {
            throw new AssertionError("invariant broken " + v);
        });
    }

    /** Prints the figures so far and fails if a promise broke. */
    public void assertHeld() {
        System.out.println(checker.report().line());
        checker.assertHeld();
    }

    @Override
    public void close() {
        checker.close();
        ec2.close();
        System.out.println(checker.report().line());
        if (checker.report().environments() > 0) {
            checker.assertHeld();
        }
    }
}
