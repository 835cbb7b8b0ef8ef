package io.understudy.devstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <command> [--kafka-port N] [--registry-port N] [--dir D] [--insecure]}, shared by the CLI and the stack
 * process. Secured unless {@code --insecure}: SASL_SSL, one principal per service, ACLs.
 */
record StackOptions(String command, int kafkaPort, int registryPort, Path dir, boolean insecure) {
    static final int DEFAULT_KAFKA_PORT = 9092;
    static final int DEFAULT_REGISTRY_PORT = 8081;
    static final Path DEFAULT_DIR = Path.of(".understudy", "stack");
    static final String USAGE = "usage: dev-stack up|down|status [--kafka-port 9092] [--registry-port 8081] [--dir .understudy/stack]"
            + " [--insecure]\n  --insecure  a plaintext broker anyone who reaches it may drive: no TLS, no SASL, no ACLs";

    static StackOptions parse(List<String> args) {
        String command = null;
        int kafkaPort = DEFAULT_KAFKA_PORT;
        int registryPort = DEFAULT_REGISTRY_PORT;
        Path dir = DEFAULT_DIR;
        boolean insecure = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--kafka-port" -> kafkaPort = port(arg, value(args, ++i, arg));
                case "--registry-port" -> registryPort = port(arg, value(args, ++i, arg));
                case "--dir" -> dir = Path.of(value(args, ++i, arg));
                case "--insecure" -> insecure = true;
                default -> {
                    if (arg.startsWith("-") || command != null) {
                        throw new IllegalArgumentException("unexpected argument " + arg + "\n" + USAGE);
                    }
                    command = arg;
                }
            }
        }
        if (command == null) {
            throw new IllegalArgumentException(USAGE);
        }
        return new StackOptions(command, kafkaPort, registryPort, dir.toAbsolutePath().normalize(), insecure);
    }

    List<String> asArguments() {
        List<String> arguments = new ArrayList<>(List.of(command, "--kafka-port", String.valueOf(kafkaPort),
                "--registry-port", String.valueOf(registryPort), "--dir", dir.toString()));
        if (insecure) {
            arguments.add("--insecure");
        }
        return arguments;
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args.get(index);
    }

    private static int port(String option, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a port number from 1 to 65535, not " + text);
    }
}
