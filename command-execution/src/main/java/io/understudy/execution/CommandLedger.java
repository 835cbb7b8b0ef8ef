package io.understudy.execution;

import io.understudy.contract.CommandResult;

import java.util.Optional;

/**
 * What this service has done with each command id, kept durably: a command delivered again (a redelivery after a
 * crash before the commit, or the same command sent twice) is answered with the recorded result, and its handler is
 * not run again. A crash between a handler's side effect and the recording still runs the handler again: that
 * window is what handlers close with client tokens and provenance tags.
 */
public interface CommandLedger {

    /** Remembers nothing: every command runs. */
    CommandLedger NONE = commandId -> Optional.empty();

    /** The result recorded for this command id, if it ran before. */
    Optional<CommandResult> recorded(String commandId);
}
