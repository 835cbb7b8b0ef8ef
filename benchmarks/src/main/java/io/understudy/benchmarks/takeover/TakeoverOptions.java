package io.understudy.benchmarks.takeover;

import java.util.List;

/** {@code --takeovers N --warmup N --hops N}, or {@code --help}. */
record TakeoverOptions(int takeovers, int warmup, int hops, boolean help) {
    static final String USAGE = """
            usage: ./understudy bench takeover [--takeovers N] [--warmup N] [--hops N]

            Orchestration overhead: the real takeover orchestrator (its runnable jar, one replica) on a real KRaft
            broker (SASL_SSL, ACLs) and the schema registry, with an instant cloud in place of the four executing
            services: it answers every command at once with a success and its typed output. N environments are
            registered (their VerifyRegistration answered by the instant cloud too); then each master is declared
            failed, one takeover at a time, the next once the previous has completed.

            Printed: count, p50, p99 and max from failure declared to the pivot command sent (the AssociateAddress
            reaching the instant cloud), to the pivot done (TakeoverStepSucceeded of the pivot read) and to the
            takeover completed (TakeoverCompleted read); the Kafka hop floor (one record produced and consumed with
            the executing services' client settings) measured in the same run, and each figure as a multiple of it;
            the load average at start and end. Times are System.nanoTime() of the benchmark's JVM when it sent the
            failure and when it read each record; everything runs on this machine.

              --takeovers N   takeovers measured (default 1000)
              --warmup N      takeovers run first and not measured (default 100)
              --hops N        round trips of the hop floor (default 1000)
              --help          this text
            """;

    static TakeoverOptions parse(List<String> args) {
        int takeovers = 1000;
        int warmup = 100;
        int hops = 1000;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--help", "-h" -> {
                    return new TakeoverOptions(takeovers, warmup, hops, true);
                }
                case "--takeovers" -> takeovers = number(args, ++i, arg, 1);
                case "--warmup" -> warmup = number(args, ++i, arg, 0);
                case "--hops" -> hops = number(args, ++i, arg, 1);
                default -> throw new IllegalArgumentException("unknown argument: " + arg);
            }
        }
        return new TakeoverOptions(takeovers, warmup, hops, false);
    }

    private static int number(List<String> args, int i, String option, int least) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a number");
        }
        try {
            int value = Integer.parseInt(args.get(i));
            if (value < least) {
                throw new IllegalArgumentException(option + " must be at least " + least + ": " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not " + args.get(i));
        }
    }
}
