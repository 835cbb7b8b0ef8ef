package io.understudy.sandbox.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One instance's software as one process group: {@code setsid sh} starts the sample app and HAProxy and waits
 * for them, so a signal to the group reaches all of them. Every command line carries the sandbox's marker.
 */
final class InstanceProcess {
    static final int APP_PORT = 8080;
    static final int PROXY_PORT = 8000;
    static final int ADMIN_PORT = 9999;
    private static final String SCRIPT = String.join("\n",
            "\"$1\" \"$2\" \"$0\" \"$3\" \"$4\" " + APP_PORT + " \"$5\" \"$PWD\" >app.log 2>&1 &",
            "\"$6\" -W -S unix@master.sock -L \"$0\" -f haproxy.cfg >haproxy.log 2>&1 &",
            "wait");

    private InstanceProcess() {
    }

    /**
     * Starts the group in {@code instanceDir}, with a runtime API certificate of its own from {@code certificates}, and
     * returns its id (the pid of the group's leader, the shell).
     */
    static long start(Machine instance, Path instanceDir, Path app, String marker, RuntimeApiCertificates certificates) {
        try {
            Files.createDirectories(instanceDir);
            certificates.install(instance, instanceDir);
            Files.writeString(instanceDir.resolve("haproxy.cfg"), HaproxyConfig.render(instance));
            writeRole(instanceDir, instance.role());
            Files.deleteIfExists(instanceDir.resolve("master.sock"));
            Process process = new ProcessBuilder(List.of("setsid", "sh", "-c", SCRIPT, marker,
                    Executables.python(), app.toString(), instance.instanceId(), instance.privateAddress(),
                    instance.stackVersion(), Executables.haproxy()))
                    .directory(instanceDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(instanceDir.resolve("group.log").toFile())
                    .start();
            awaitOwnGroup(process);
            return process.pid();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start instance " + instance.instanceId(), e);
        }
    }

    /** Until setsid has run, the child is still in this JVM's group, and its group would look empty. */
    private static void awaitOwnGroup(Process process) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (process.isAlive() && !ProcessGroups.alive(process.pid()) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    /** The app reads its role from this file on every request and cron tick; written whole, then renamed. */
    static void writeRole(Path instanceDir, String role) {
        try {
            Path temp = instanceDir.resolve("role.tmp");
            Files.writeString(temp, role);
            Files.move(temp, instanceDir.resolve("role"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the role of " + instanceDir, e);
        }
    }
}
