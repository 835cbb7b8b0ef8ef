package io.understudy.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** SIGKILL for a process and everything it started, waiting until none of them holds a socket any more. */
final class ProcessTree {
    private ProcessTree() {
    }

    static void kill(ProcessHandle root, Duration timeout) {
        // collected before the kill: once the root is gone its children are re-parented and no longer its descendants
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.forEach(ProcessHandle::destroyForcibly);
        root.destroyForcibly();
        tree.add(root);
        await("processes " + tree.stream().map(ProcessHandle::pid).toList() + " to die")
                .atMost(timeout).pollInterval(Duration.ofMillis(20))
                .until(() -> tree.stream().allMatch(ProcessTree::gone));
    }

    /** A zombie counts as gone: the kernel closed its sockets already, only its exit status waits for a reaper. */
    static boolean gone(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        try {
            String text = Files.readString(stat);
            char state = text.charAt(text.lastIndexOf(')') + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException e) {
            return !Files.exists(stat);
        }
    }
}
