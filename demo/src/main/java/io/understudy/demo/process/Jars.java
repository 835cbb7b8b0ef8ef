package io.understudy.demo.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import static io.understudy.demo.polling.Polling.await;

/** The runnable jars of the checkout: {@code <module>/target/<module>-<version>-all.jar}. */
public record Jars(Path root) {
    private static final String VERSION = "0.1.0-SNAPSHOT";

    public Path of(String module) {
        Path jar = root.resolve(module).resolve("target").resolve(module + "-" + VERSION + "-all.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("runnable jar missing: " + jar + " — build it with ./mvnw -B -ntp -q package -pl "
                    + module + " -am -DskipTests (./understudy demo does this for you)");
        }
        return jar;
    }

    /**
     * A copy of the named jars in {@code dir}, read from there for the rest of the run: a JVM loads classes from
     * its jar lazily, so rebuilding a module while the demo runs would otherwise break the process using it.
     */
    public Jars snapshot(Path dir, Iterable<String> modules) throws IOException {
        Jars copy = new Jars(dir);
        for (String module : modules) {
            Path target = dir.resolve(module).resolve("target").resolve(of(module).getFileName());
            Files.createDirectories(target.getParent());
            // a jar caught while Maven rewrites it is cut short: copy again until the copy is a whole runnable jar
            await("a complete runnable jar of " + module).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions()
                    .until(() -> {
                        Files.copy(of(module), target, StandardCopyOption.REPLACE_EXISTING);
                        return runnable(target);
                    });
        }
        return copy;
    }

    private static boolean runnable(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String main = manifest == null ? null : manifest.getMainAttributes().getValue("Main-Class");
            return main != null && file.getEntry(main.replace('.', '/') + ".class") != null;
        }
    }

    /** The checkout above the working directory: where {@code mvnw} and {@code understudy} are. */
    public static Jars findRoot() {
        String configured = System.getProperty("understudy.root");
        if (configured != null) {
            return new Jars(Path.of(configured).toAbsolutePath().normalize());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("understudy"))) {
                return new Jars(dir);
            }
        }
        throw new IllegalStateException("cannot find the Understudy checkout above " + Path.of("").toAbsolutePath()
                + ": run the demo from the checkout, or set -Dunderstudy.root");
    }
}
