package io.understudy.sandbox.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The sandbox's disk: {@code volumes/<id>} and {@code snapshots/<id>} are directories, {@code instances/<id>}
 * holds an instance's configuration, logs and its {@code data} symlink to the attached volume.
 */
final class Directories {
    private final Path root;

    Directories(Path root) {
        this.root = root;
    }

    Path instance(String instanceId) {
        return root.resolve("instances").resolve(instanceId);
    }

    Path volume(String volumeId) {
        return root.resolve("volumes").resolve(volumeId);
    }

    Path snapshot(String snapshotId) {
        return root.resolve("snapshots").resolve(snapshotId);
    }

    Path data(String instanceId) {
        return instance(instanceId).resolve("data");
    }

    /** Copies into a temporary sibling and renames, so a half-made copy never carries the final name. */
    static void copyTree(Path from, Path to) {
        Path temp = to.resolveSibling(to.getFileName() + ".partial");
        try {
            deleteTree(temp);
            Files.createDirectories(temp);
            if (Files.isDirectory(from)) {
                Files.walkFileTree(from, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                        Files.createDirectories(temp.resolve(from.relativize(dir).toString()));
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        if (!file.getFileName().toString().contains(".tmp-")) {
                            Files.copy(file, temp.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        // a file the app replaced while we walked: the newer one is a later point in time anyway
                        return FileVisitResult.CONTINUE;
                    }
                });
            }
            deleteTree(to);
            Files.move(temp, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to, e);
        }
    }

    static void deleteTree(Path path) {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    /** Points {@code link} at {@code target} in one rename, so the app sees the old /data or the new, never none. */
    static void link(Path link, Path target) {
        try {
            Path temp = link.resolveSibling(link.getFileName() + ".link");
            Files.deleteIfExists(temp);
            Files.createSymbolicLink(temp, target.toAbsolutePath());
            Files.move(temp, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link " + link + " to " + target, e);
        }
    }

    /** Removes {@code link} if it still points at {@code target}; a link to another volume stays. */
    static void unlink(Path link, Path target) {
        try {
            if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target.toAbsolutePath())) {
                Files.delete(link);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unlink " + link, e);
        }
    }
}
