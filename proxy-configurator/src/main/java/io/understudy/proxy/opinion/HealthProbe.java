package io.understudy.proxy.opinion;

import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * One GET of an instance's health endpoint, straight from this process: no proxy, so the answer is this vantage's.
 * The timeout bounds the whole attempt, connecting included (the JDK client's request timeout runs from the start).
 */
@Singleton
public class HealthProbe {
    private final HttpClient http;
    private final Duration timeout;

    public HealthProbe(SecondOpinionSettings settings) {
        this.timeout = settings.getTimeout();
        this.http = HttpClient.newBuilder()
                .proxy(HttpClient.Builder.NO_PROXY)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    /** @throws InterruptedException when this service is stopping: that is no answer from the instance */
    public Probe probe(URI url) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        long start = System.nanoTime();
        try {
            // the status is all that counts: the body is not read, so an endless one cannot hold the attempt
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return Probe.answered(response.statusCode(), since(start));
        } catch (HttpConnectTimeoutException e) {
            return Probe.unanswered("no connection within " + timeout.toMillis() + " ms", since(start));
        } catch (HttpTimeoutException e) {
            return Probe.unanswered("no answer within " + timeout.toMillis() + " ms", since(start));
        } catch (ConnectException e) {
            return Probe.unanswered(e.getMessage() == null ? "connection refused" : e.getMessage(), since(start));
        } catch (IOException e) {
            return Probe.unanswered(e.getClass().getSimpleName() + ": " + e.getMessage(), since(start));
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
