package io.understudy.sandbox.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where python3 and haproxy are: PATH first, then the usual Debian places. */
final class Executables {
    private Executables() {
    }

    /** The system python first: a version manager's shim would put a shell in front of every app start. */
    static String python() {
        return List.of("/usr/bin/python3", "/usr/local/bin/python3").stream()
                .filter(f -> Files.isExecutable(Path.of(f))).findFirst()
                .orElseGet(() -> find("python3", List.of()));
    }

    static String haproxy() {
        return find("haproxy", List.of("/usr/sbin/haproxy", "/usr/local/sbin/haproxy"));
    }

    private static String find(String name, List<String> fallbacks) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fallbacks.stream().filter(f -> Files.isExecutable(Path.of(f))).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " not found on PATH nor in " + fallbacks
                        + ": the sandbox's instances need it (apt-get install " + name + ")"));
    }
}
