package io.understudy.haproxy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What mutual TLS costs one runtime API exchange ({@code show servers state app}, a connection each, as
 * proxy-configurator sends them), against a real HAProxy on loopback: the first exchange of the JVM, then the
 * median and 99th percentile of the rest, in plaintext and over TLS. Run on demand, it prints its figures:
 * {@code java -cp <test classpath> io.understudy.haproxy.RuntimeApiLatency [exchanges]}.
 */
public final class RuntimeApiLatency {
    private RuntimeApiLatency() {
    }

    public static void main(String[] args) throws Exception {
        int exchanges = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        TestCertificates certificates = TestCertificates.create("latency-ca");
        try (LocalHaproxy tls = LocalHaproxy.start("latency-tls", certificates);
             LocalHaproxy plaintext = LocalHaproxy.startPlaintext("latency-plaintext")) {
            measure("mutual TLS", tls.runtime(), exchanges);
            measure("plaintext ", plaintext.runtime(), exchanges);
        }
    }

    private static void measure(String name, HaproxyRuntime runtime, int exchanges) {
        long first = time(runtime);
        List<Long> rest = new ArrayList<>();
        for (int i = 0; i < exchanges; i++) {
            rest.add(time(runtime));
        }
        Collections.sort(rest);
        System.out.printf(Locale.ROOT, "%s: first %.1f ms, then p50 %.2f ms, p99 %.2f ms over %d exchanges%n", name, first / 1e6,
                rest.get(rest.size() / 2) / 1e6, rest.get((int) (rest.size() * 0.99)) / 1e6, exchanges);
    }

    private static long time(HaproxyRuntime runtime) {
        long started = System.nanoTime();
        runtime.serversState("app");
        return System.nanoTime() - started;
    }
}
