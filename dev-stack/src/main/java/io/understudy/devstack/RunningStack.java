package io.understudy.devstack;

import java.util.Optional;

/** The stack process named by the pid file, if it is alive and really ours (pids are reused). */
final class RunningStack {
    private RunningStack() {
    }

    static Optional<ProcessHandle> find(StackFiles files) {
        return files.pid().stream().boxed()
                .map(ProcessHandle::of)
                .flatMap(Optional::stream)
                .filter(ProcessHandle::isAlive)
                .filter(RunningStack::isStackProcess)
                .findFirst();
    }

    private static boolean isStackProcess(ProcessHandle process) {
        return process.info().commandLine()
                .map(line -> line.contains(DevStackProcess.class.getName()))
                .orElse(true);
    }
}
