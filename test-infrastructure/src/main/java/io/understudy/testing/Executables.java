package io.understudy.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds a program on PATH, plus extra directories (Debian puts daemons in sbin, which a user's PATH may lack). */
final class Executables {
    private Executables() {
    }

    static Optional<Path> find(String name, List<Path> before, List<Path> after) {
        List<Path> dirs = new ArrayList<>(before);
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isBlank()) {
                    dirs.add(Path.of(dir));
                }
            }
        }
        dirs.addAll(after);
        return dirs.stream().map(dir -> dir.resolve(name)).filter(Files::isExecutable).findFirst();
    }
}
