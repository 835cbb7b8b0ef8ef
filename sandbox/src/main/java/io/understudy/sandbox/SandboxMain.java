package io.understudy.sandbox;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar sandbox.jar --dir <state dir> [--port <EC2 API port, 0 = ephemeral>]}: runs until SIGTERM. */
public final class SandboxMain {
    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dir = null;
        int port = 0;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--dir" -> dir = Path.of(require(value, "--dir"));
                case "--port" -> port = Integer.parseInt(require(value, "--port"));
                default -> usage("unknown argument " + args[i]);
            }
            i++;
        }
        if (dir == null) {
            usage("--dir is required");
        }
        Sandbox sandbox = Sandbox.start(dir, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        stopped.await();
    }

    private static String require(String value, String option) {
        if (value == null) {
            usage(option + " needs a value");
        }
        return value;
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: java -jar sandbox.jar --dir <state dir> [--port <EC2 API port, 0 = ephemeral>]");
        System.exit(2);
    }
}
