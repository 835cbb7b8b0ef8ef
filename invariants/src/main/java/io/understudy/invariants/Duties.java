package io.understudy.invariants;

/**
 * What an instance says of itself about the master's duties: whether it runs cron. Whether it accepts writes is
 * left out: the only way to ask an application that is to write to it.
 */
public record Duties(boolean cron) {
}
