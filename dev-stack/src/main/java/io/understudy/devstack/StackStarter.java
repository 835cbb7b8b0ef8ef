package io.understudy.devstack;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code up}: starts the stack as a detached JVM and returns once both parts answer. */
final class StackStarter {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final StackOptions options;
    private final StackFiles files;
    private final PrintStream out;
    private final PrintStream err;

    StackStarter(StackOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.files = new StackFiles(options.dir());
        this.out = out;
        this.err = err;
    }

    int up() throws InterruptedException {
        Optional<ProcessHandle> running = RunningStack.find(files);
        if (running.isPresent()) {
            out.println("already running (pid " + running.get().pid() + ")");
            files.addresses().ifPresent(a -> out.println(a.describe()));
            return 0;
        }
        files.forgetRunningStack();
        Optional<String> taken = takenPort(options.kafkaPort(), "Kafka", "--kafka-port")
                .or(() -> takenPort(options.registryPort(), "the schema registry", "--registry-port"));
        if (taken.isPresent()) {
            err.println(taken.get());
            return 1;
        }
        Process process = launch();
        return awaitAnswers(process);
    }

    private Process launch() {
        try {
            Files.createDirectories(options.dir());
            return new ProcessBuilder(command())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(files.logFile().toFile()))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the dev stack process", e);
        }
    }

    /** The same classpath, in its own session so that closing the terminal does not stop it. */
    private List<String> command() {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            command.add(SETSID.toString());
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xms64m", "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + DevStackProcess.LOGBACK_CONFIG,
                "-cp", System.getProperty("java.class.path"), DevStackProcess.class.getName()));
        command.addAll(options.asArguments());
        return command;
    }

    private int awaitAnswers(Process process) throws InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                return failed("the dev stack process exited with code " + process.exitValue(), process);
            }
            Optional<StackAddresses> addresses = files.addresses();
            if (addresses.isPresent() && StackProbe.answers(addresses.get())) {
                out.println(addresses.get().describe());
                return 0;
            }
            Thread.sleep(POLL.toMillis());
        }
        return failed("the dev stack did not answer within " + START_TIMEOUT.toSeconds() + " s", process);
    }

    private int failed(String why, Process process) throws InterruptedException {
        if (process.isAlive()) {
            StackStopper.stop(process.toHandle());
        }
        files.forgetRunningStack();
        err.println(why + "; the end of " + files.logFile() + ":");
        files.logTail(30).forEach(line -> err.println("  " + line));
        return 1;
    }

    private static Optional<String> takenPort(int port, String what, String option) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("port " + port + " on 127.0.0.1 is already in use, so " + what
                    + " cannot listen there: stop what holds it or choose another port with " + option);
        }
    }
}
