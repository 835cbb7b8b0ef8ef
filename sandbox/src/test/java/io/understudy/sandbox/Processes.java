package io.understudy.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code pgrep -f -- <marker>}: the processes a sandbox left running, as the demo's checks find them. */
final class Processes {
    private Processes() {
    }

    static List<String> withMarker(String marker) {
        try {
            Process pgrep = new ProcessBuilder("pgrep", "-a", "-f", "--", marker.replaceAll("([.\\[\\]()*+?{}|^$\\\\])", "\\\\$1")).start();
            String out = new String(pgrep.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            pgrep.waitFor();
            long self = ProcessHandle.current().pid();
            return out.lines().filter(line -> !line.startsWith(self + " ")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
