package io.understudy.sandbox.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Process groups read from /proc, since the JDK has no killpg: an instance is every process whose group id is the
 * instance's, so a signal reaches the app, HAProxy's master and its workers alike, children of this JVM or not.
 */
final class ProcessGroups {
    private ProcessGroups() {
    }

    static List<ProcessHandle> members(long pgid) {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .filter(pid -> groupOf(pid).map(g -> g == pgid).orElse(false))
                    .map(ProcessHandle::of).flatMap(Optional::stream)
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    static boolean alive(long pgid) {
        return pgid > 0 && !members(pgid).isEmpty();
    }

    /** SIGTERM ({@code force=false}) or SIGKILL to every member. */
    static void signal(long pgid, boolean force) {
        for (ProcessHandle process : members(pgid)) {
            if (force) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
        }
    }

    /** The group of a live process whose command line holds every one of {@code needles}: how a restart finds its instances. */
    static Optional<Long> find(List<String> needles) {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .filter(pid -> { String line = commandLine(pid); return needles.stream().allMatch(line::contains); })
                    .map(ProcessGroups::groupOf).flatMap(Optional::stream)
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"))).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /** Field 5 of /proc/<pid>/stat; zombies count as gone, their sockets are closed already. */
    private static Optional<Long> groupOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            if (fields[0].equals("Z") || fields[0].equals("X")) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(fields[2]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
