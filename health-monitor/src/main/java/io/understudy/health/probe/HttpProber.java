package io.understudy.health.probe;

import io.understudy.health.detection.ProbeResult;
import io.understudy.health.watch.ProbeTarget;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code GET http://<private address>:<port><path>}; any 2xx answer within the timeout is healthy.
 * The timeout bounds the whole exchange, body included, so a server that trickles bytes cannot hold a probe.
 */
public final class HttpProber implements Prober {
    private final HttpClient client;
    private final int port;
    private final String path;
    private final Duration timeout;
    private final Clock clock;

    public HttpProber(HttpClient client, int port, String path, Duration timeout, Clock clock) {
        this.client = client;
        this.port = port;
        this.path = path.startsWith("/") ? path : "/" + path;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<ProbeResult> probe(ProbeTarget target) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(uri(target)).timeout(timeout).GET().build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(ProbeResult.failed("invalid health URL: " + e.getMessage(), clock.instant()));
        }
        CompletableFuture<HttpResponse<Void>> exchange = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        CompletableFuture<ProbeResult> result = exchange.copy()
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, error) -> error == null ? answered(response) : failed(error));
        // cancelling aborts an exchange still running after its deadline, so its connection is not left hanging
        result.whenComplete((r, e) -> exchange.cancel(true));
        return result;
    }

    private URI uri(ProbeTarget target) {
        String host = target.privateAddress().contains(":") ? "[" + target.privateAddress() + "]" : target.privateAddress();
        return URI.create("http://" + host + ":" + port + path);
    }

    private ProbeResult answered(HttpResponse<Void> response) {
        int status = response.statusCode();
        return status >= 200 && status < 300
                ? ProbeResult.healthy(clock.instant())
                : ProbeResult.failed("HTTP " + status, clock.instant());
    }

    private ProbeResult failed(Throwable error) {
        return ProbeResult.failed(describe(unwrap(error)), clock.instant());
    }

    private String describe(Throwable error) {
        if (error instanceof HttpConnectTimeoutException) {
            return "no connection within " + timeout.toMillis() + "ms";
        }
        if (error instanceof HttpTimeoutException || error instanceof TimeoutException) {
            return "no answer within " + timeout.toMillis() + "ms";
        }
        if (error instanceof ConnectException) {
            return "connection refused";
        }
        if (error instanceof IOException) {
            return "connection failed: " + (error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
        }
        return "probe error: " + error;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof HttpTimeoutException || e instanceof TimeoutException) {
            return e;
        }
        // the JDK client sometimes wraps a refused connection's ConnectException in another IOException
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof ConnectException) {
                return cause;
            }
            cause = cause.getCause();
        }
        return e;
    }
}
