package io.understudy.testing.services;

import io.understudy.http.BasicCredentials;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The management credentials of the services a test runs ({@code understudy.management.credentials}), without
 * which their /prometheus and /health's details are refused, and a GET that presents them.
 */
public final class Management {
    public static final String PROPERTY = "understudy.management.credentials";
    public static final String VARIABLE = "UNDERSTUDY_MANAGEMENT_CREDENTIALS";
    /** One pair for the test JVM, made up at random: for the services started in it, in process or not. */
    public static final BasicCredentials CREDENTIALS = BasicCredentials.generate("understudy-tests");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Management() {
    }

    /** {@code GET uri} with {@code credentials}, or with none when null. */
    public static HttpResponse<String> get(URI uri, BasicCredentials credentials) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (credentials != null) {
            request.header("Authorization", credentials.header());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET uri} with the suite's {@link #CREDENTIALS}. */
    public static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return get(uri, CREDENTIALS);
    }
}
