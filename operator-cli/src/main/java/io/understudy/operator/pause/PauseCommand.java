package io.understudy.operator.pause;

import io.understudy.contract.PauseEnvironment;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.time.Clock;

@Command(name = "pause", description = "Stop acting on an environment: failures are still detected and recorded, "
        + "nothing is fenced, moved or booted until resume. A takeover in flight holds where it is.")
public class PauseCommand extends PauseChange {

    public PauseCommand(PrintStream out, Clock clock) {
        super(out, clock, true);
    }

    @Override
    PauseEnvironment command(io.understudy.contract.EventMetadata meta) {
        return PauseEnvironment.newBuilder().setMeta(meta).setReason(reason).build();
    }
}
