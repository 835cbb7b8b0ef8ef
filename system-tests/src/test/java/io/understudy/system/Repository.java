package io.understudy.system;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout the tests run in, found from the working directory. */
final class Repository {
    private Repository() {
    }

    static Path root() {
        String configured = System.getProperty("understudy.root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("understudy"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the Understudy checkout above " + Path.of("").toAbsolutePath());
    }

    static Path target() {
        return root().resolve("system-tests").resolve("target");
    }
}
