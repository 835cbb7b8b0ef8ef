package io.understudy.execution;

import org.apache.avro.specific.SpecificRecord;

/**
 * Carries out one kind of command against the outside world (EC2, HAProxy). Implementations are the domain
 * core of an executing service; the Kafka plumbing around them lives in this module.
 *
 * <p>A handler must be safe to call again with the same command: commands are delivered at least once.
 */
public interface CommandHandler<C extends SpecificRecord> {

    Class<C> commandType();

    /** Never throws for an expected failure: it says what happened as an {@link Outcome}. */
    Outcome handle(C command);
}
