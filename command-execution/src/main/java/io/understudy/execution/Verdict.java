package io.understudy.execution;

import io.understudy.contract.CommandOutcome;
import io.understudy.contract.CommandResult;
import io.understudy.contract.DeadLetter;

/** What becomes of one record on a command topic: a result to publish, or a dead letter. */
public sealed interface Verdict {

    /** True for a command that ran and failed; a dead letter is not a failure of the command. */
    boolean isFailure();

    /** The command ran (successfully or not); the result goes to COMMAND_RESULTS keyed by its environment. */
    record Executed(CommandResult result) implements Verdict {
        @Override
        public boolean isFailure() {
            return result.getOutcome() != CommandOutcome.SUCCEEDED;
        }

        public String environmentId() {
            return result.getMeta().getEnvironmentId();
        }
    }

    /**
     * The command ran before (the ledger has its result): the recorded result is published again and the handler
     * is not run.
     */
    record Replayed(CommandResult result) implements Verdict {
        @Override
        public boolean isFailure() {
            return false;
        }

        public String environmentId() {
            return result.getMeta().getEnvironmentId();
        }
    }

    /** The record could not be read as a command of this topic; it goes to DEAD_LETTERS untouched. */
    record Rejected(DeadLetter letter) implements Verdict {
        @Override
        public boolean isFailure() {
            return false;
        }
    }
}
