package io.understudy.operator.pause;

import io.understudy.contract.EventMetadata;
import io.understudy.contract.ResumeEnvironment;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.time.Clock;

@Command(name = "resume", description = "Act on a paused environment again: a takeover held goes on (a pivot held "
        + "for an operator is tried again), and failures still recorded are acted on.")
public class ResumeCommand extends PauseChange {

    public ResumeCommand(PrintStream out, Clock clock) {
        super(out, clock, false);
    }

    @Override
    ResumeEnvironment command(EventMetadata meta) {
        return ResumeEnvironment.newBuilder().setMeta(meta).setReason(reason).build();
    }
}
