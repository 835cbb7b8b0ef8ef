package io.understudy.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The checkout's root: the nearest directory above the working directory that holds {@code mvnw}. */
public final class RepositoryRoot {
    private RepositoryRoot() {
    }

    public static Optional<Path> find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }
}
