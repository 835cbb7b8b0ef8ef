package io.understudy.benchmarks.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load: the benchmarks' figures mean little without it. */
public final class LoadAverage {
    private LoadAverage() {
    }

    /** {@code /proc/loadavg}'s 1, 5 and 15 minute averages and the processor count, or the JVM's figure elsewhere. */
    public static String now() {
        int cores = Runtime.getRuntime().availableProcessors();
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2] + " (1, 5, 15 min) on " + cores + " cores";
        } catch (IOException | RuntimeException e) {
            return String.format("%.2f (1 min) on %d cores",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), cores);
        }
    }
}
