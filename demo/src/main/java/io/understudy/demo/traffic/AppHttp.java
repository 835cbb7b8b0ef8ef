package io.understudy.demo.traffic;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The sample application over HTTP, as its users reach it. Short timeouts: during a takeover a request that
 * hangs is as failed as one refused, and a client stuck for long would hide the moment service comes back.
 */
public final class AppHttp {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CONNECT = Duration.ofSeconds(1);
    private final HttpClient http;
    private final Duration timeout;

    public AppHttp() {
        this(TIMEOUT);
    }

    /** Requests, and connections, give up after {@code timeout} at most. */
    public AppHttp(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout.compareTo(CONNECT) < 0 ? timeout : CONNECT)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Status 0 and the failure as the body when there was no answer. */
    public record Answer(int status, String body) {
        public boolean is(int expected) {
            return status == expected;
        }
    }

    public Answer get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build());
    }

    public Answer post(String url, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(0, String.valueOf(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted");
        }
    }
}
