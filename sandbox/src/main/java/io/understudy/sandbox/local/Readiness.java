package io.understudy.sandbox.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Pending becomes running once the app answers /health through the instance's own HAProxy: both are up then. */
final class Readiness {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 50;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    /** Empty once ready; otherwise why it gave up (the group died, or the deadline passed). */
    Optional<String> await(Machine machine, BooleanSupplier groupAlive) {
        URI health = URI.create("http://" + machine.privateAddress() + ":" + InstanceProcess.PROXY_PORT + "/health");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!groupAlive.getAsBoolean()) {
                return Optional.of("its processes exited while booting (" + last + ")");
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.ofString());
                // the instance's own app, not whatever else might answer on a shared loopback address
                if (response.statusCode() == 200 && response.body().contains("\"" + machine.instanceId() + "\"")) {
                    return Optional.empty();
                }
                last = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted");
            }
        }
        return Optional.of("no healthy answer on " + health + " within " + TIMEOUT + " (" + last + ")");
    }
}
