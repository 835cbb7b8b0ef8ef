package io.understudy.demo.process;

import io.understudy.demo.kafka.KafkaAddresses;
import io.understudy.demo.kafka.StackOperator;
import io.understudy.kafka.ClientFiles;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The dev stack (a KRaft broker and the schema registry in one background JVM) through its own command line:
 * {@code up} on free ports in the demo's directory, secured (SASL_SSL, ACLs, one principal per service), {@code down}
 * at the end.
 */
public final class DevStack implements AutoCloseable {
    private final Path jar;
    private final Path dir;
    private final KafkaAddresses addresses;

    private DevStack(Path jar, Path dir, KafkaAddresses addresses) {
        this.jar = jar;
        this.dir = dir;
        this.addresses = addresses;
    }

    public static DevStack up(Path jar, Path dir) throws IOException, InterruptedException {
        List<String> output = run(jar, dir, "up", "--kafka-port", String.valueOf(freePort()),
                "--registry-port", String.valueOf(freePort()));
        String kafka = null;
        ClientFiles clients = null;
        Path authorities = null;
        Path certificate = null;
        Path key = null;
        for (String line : output) {
            if (line.startsWith("kafka: ")) {
                kafka = line.substring("kafka: ".length()).trim();
            } else if (line.startsWith("clients: ")) {
                clients = new ClientFiles(Path.of(line.substring("clients: ".length()).trim()));
            } else if (line.startsWith("operator-authorities: ")) {
                authorities = Path.of(line.substring("operator-authorities: ".length()).trim());
            } else if (line.startsWith("operator-certificate: ")) {
                certificate = Path.of(line.substring("operator-certificate: ".length()).trim());
            } else if (line.startsWith("operator-key: ")) {
                key = Path.of(line.substring("operator-key: ".length()).trim());
            }
        }
        // the registry's URLs carry its writer's and reader's passwords: the stack prints them redacted, its file has them
        Properties stack = stackProperties(dir);
        String registry = stack.getProperty("schema.registry.url");
        String registryReader = stack.getProperty("schema.registry.reader.url", registry);
        if (kafka == null || registry == null || clients == null || authorities == null || certificate == null || key == null) {
            throw new IllegalStateException("the dev stack did not say where it listens, where its principals' Kafka"
                    + " and registry settings are and where its operator's certificate is: " + String.join("\n", output));
        }
        return new DevStack(jar, dir, new KafkaAddresses(kafka, registry, registryReader, Optional.of(clients),
                new StackOperator(authorities, certificate, key)));
    }

    private static Properties stackProperties(Path dir) throws IOException {
        Properties properties = new Properties();
        Path file = dir.resolve("stack.properties");
        if (Files.isRegularFile(file)) {
            try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        }
        return properties;
    }

    public KafkaAddresses addresses() {
        return addresses;
    }

    public String stopCommand() {
        return "java -jar " + jar + " down --dir " + dir;
    }

    @Override
    public void close() {
        try {
            run(jar, dir, "down");
        } catch (IOException | RuntimeException e) {
            System.err.println("could not stop the dev stack: " + e.getMessage() + "; stop it with: " + stopCommand());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> run(Path jar, Path dir, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--dir", dir.toString()));
        Files.createDirectories(dir);
        Path output = dir.resolve("cli-" + arguments[0] + ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("dev-stack " + arguments[0] + " did not finish within 120 s");
        }
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("dev-stack " + arguments[0] + " failed (exit " + process.exitValue() + "):\n"
                    + String.join("\n", lines));
        }
        return lines;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
