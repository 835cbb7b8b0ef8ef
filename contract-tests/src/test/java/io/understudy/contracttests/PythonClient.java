package io.understudy.contracttests;

import io.understudy.testing.RepositoryRoot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one pytest module of src/test/python with the project's venv, where confluent-kafka is installed. */
final class PythonClient {
    private static final long TIMEOUT_SECONDS = 120;

    record Run(int exitCode, String output) {
    }

    private PythonClient() {
    }

    static Run pytest(String module, Map<String, String> environment) throws IOException, InterruptedException {
        Path root = RepositoryRoot.find().orElseThrow(() -> new IllegalStateException("not inside the checkout"));
        Path python = root.resolve(".venv/bin/python");
        Path tests = root.resolve("contract-tests/src/test/python");
        if (!Files.isExecutable(python)) {
            throw new IllegalStateException(python + " is missing: run ./understudy test, which installs "
                    + "requirements-test.txt (confluent-kafka, pytest, moto) into .venv");
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(python.toString(), "-m", "pytest", "-q", "-p", "no:cacheprovider",
                tests.resolve(module).toString())).redirectErrorStream(true).directory(tests.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("pytest " + module + " did not finish in " + TIMEOUT_SECONDS + " s");
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
