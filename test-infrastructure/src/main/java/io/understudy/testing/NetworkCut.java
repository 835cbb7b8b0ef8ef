package io.understudy.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * A real network cut between a group of processes and chosen addresses, while everything else still reaches them: a
 * cgroup v2 group of its own, and packet filter rules ({@code iptables -m cgroup --path <group> -d <address>/32 -j
 * DROP} in OUTPUT) that drop what the group's sockets send there. DROP, not REJECT: a network failure, seen as
 * timeouts rather than refused connections. A socket keeps the cgroup it was created in, so processes join the group
 * before they start ({@link #command}). Needs root, iptables (Debian package {@code iptables}) and a cgroup v2 mount;
 * {@link #create} fails naming whichever is missing. {@link #close} removes the rules, stops what is still in the
 * group and removes the group, also at JVM exit when a test forgot.
 */
public final class NetworkCut implements AutoCloseable {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration EMPTY_TIMEOUT = Duration.ofSeconds(15);
    private static final AtomicInteger GROUPS = new AtomicInteger();
    /** Joins the group, then becomes the command: same pid, and its sockets are the group's. */
    private static final String JOIN = "echo $$ > \"$1\" || exit 97; shift; exec \"$@\"";

    private final String iptables;
    private final String name;
    private final Path group;
    private final Set<String> cut = new LinkedHashSet<>();

    private NetworkCut(String iptables, String name, Path group) {
        this.iptables = iptables;
        this.name = name;
        this.group = group;
    }

    /** A new, empty group {@code <cgroup2 mount>/<label>-<pid>-<n>}; nothing is cut yet. */
    public static NetworkCut create(String label) {
        Optional<Path> iptables = Executables.find("iptables", List.of(), List.of(Path.of("/usr/sbin"), Path.of("/sbin")));
        Optional<Path> mount = cgroup2Mount(read(Path.of("/proc/mounts")));
        List<String> missing = missing(uid(), iptables, mount);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("a network cut needs " + String.join("; ", missing));
        }
        String name = label + "-" + ProcessHandle.current().pid() + "-" + GROUPS.incrementAndGet();
        Path group = mount.orElseThrow().resolve(name);
        try {
            Files.createDirectory(group);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the cgroup " + group, e);
        }
        NetworkCut networkCut = new NetworkCut(iptables.orElseThrow().toString(), name, group);
        ShutdownHook.register(networkCut);
        return networkCut;
    }

    /** What is missing for a cut, each with how to get it; empty when nothing is. */
    static List<String> missing(long uid, Optional<Path> iptables, Optional<Path> cgroup2Mount) {
        List<String> missing = new ArrayList<>();
        if (uid != 0) {
            missing.add("root (packet filter rules and cgroups), but runs as uid " + uid);
        }
        if (iptables.isEmpty()) {
            missing.add("iptables, not found on PATH nor in /usr/sbin and /sbin (Debian package iptables)");
        }
        if (cgroup2Mount.isEmpty()) {
            missing.add("a cgroup v2 hierarchy, but /proc/mounts shows no cgroup2 mount");
        }
        return missing;
    }

    /** Where cgroup2 is mounted, from the text of {@code /proc/mounts}: {@code <device> <mount point> <type> ...}. */
    static Optional<Path> cgroup2Mount(String mounts) {
        return mounts.lines()
                .map(line -> line.split(" "))
                .filter(fields -> fields.length > 2 && fields[2].equals("cgroup2"))
                .map(fields -> Path.of(fields[1].replace("\\040", " ")))
                .findFirst();
    }

    /** The command, started inside the group: {@code sh -c '<join the group>; exec "$@"' sh <procs> <command...>}. */
    public List<String> command(List<String> command) {
        return join(group, command);
    }

    static List<String> join(Path group, List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("sh", "-c", JOIN, "sh", group.resolve("cgroup.procs").toString()));
        wrapped.addAll(command);
        return wrapped;
    }

    /** From now on, whatever the group's processes send to {@code address} is dropped. */
    public synchronized void cut(String address) {
        if (cut.add(address)) {
            iptables("-I", address);
        }
    }

    public synchronized void heal(String address) {
        if (cut.contains(address)) {
            iptables("-D", address);
            cut.remove(address);
        }
    }

    /** Every address reachable again. */
    public synchronized void heal() {
        List.copyOf(cut).forEach(this::heal);
    }

    /** The pids in the group now. */
    public Set<Long> processes() {
        return new LinkedHashSet<>(read(group.resolve("cgroup.procs")).lines().filter(l -> !l.isBlank()).map(Long::valueOf).toList());
    }

    /** The group's name as iptables' {@code --path} takes it: relative to the cgroup2 mount. */
    public String name() {
        return name;
    }

    public Path group() {
        return group;
    }

    /**
     * Heals, kills whatever still runs in the group (SIGKILL), then removes the group; each step is tried even when
     * one before it failed, so that a broken rule never leaves a group behind, nor a group a rule.
     */
    @Override
    public synchronized void close() {
        ShutdownHook.unregister(this);
        List<RuntimeException> failures = new ArrayList<>();
        for (String address : List.copyOf(cut)) {
            try {
                heal(address);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        try {
            processes().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            await("the processes of " + group + " to stop").atMost(EMPTY_TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .until(() -> processes().isEmpty());
            Files.deleteIfExists(group);
        } catch (IOException e) {
            failures.add(new UncheckedIOException("cannot remove the cgroup " + group, e));
        } catch (RuntimeException e) {
            failures.add(e);
        }
        if (!failures.isEmpty()) {
            IllegalStateException failed = new IllegalStateException("could not undo " + this + " entirely: " + failures.get(0).getMessage());
            failures.forEach(failed::addSuppressed);
            throw failed;
        }
    }

    @Override
    public String toString() {
        return "NetworkCut[" + group + ", cut from " + cut + "]";
    }

    private void iptables(String action, String address) {
        // -w: other tests may change the rules at the same time; wait for the lock rather than fail
        List<String> command = List.of(iptables, "-w", action, "OUTPUT", "-m", "cgroup", "--path", name, "-d",
                address + "/32", "-j", "DROP");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + COMMAND_TIMEOUT);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
    }

    private static long uid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
