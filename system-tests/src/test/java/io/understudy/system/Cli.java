package io.understudy.system;

import io.understudy.schemas.access.Principal;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.OperatorCertificates;
import io.understudy.testing.services.ServiceProcess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code ./understudy <command>} as an operator runs it: the operator CLI's runnable jar, in a process of its own. */
final class Cli {
    private static final String VERSION = "0.1.0-SNAPSHOT";

    record Run(int exit, String output) {
    }

    private Cli() {
    }

    static Run run(Infrastructure infrastructure, String... args) throws IOException, InterruptedException {
        Path jar = ServiceProcess.root().resolve("operator-cli").resolve("target").resolve("operator-cli-" + VERSION + "-all.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("runnable jar missing: " + jar + " (./mvnw package builds it before these tests)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        // as the operator, the one principal allowed to write operator commands
        command.addAll(List.of("--kafka-config", infrastructure.kafkaSettingsFile(Principal.OPERATOR).toString(),
                "--registry", infrastructure.registryUrl()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // signing as the suite's operator, whom the orchestrators of the suite trust
        builder.environment().putAll(OperatorCertificates.get().cliEnvironment());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("./understudy " + String.join(" ", args) + " did not end within 2 minutes");
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
