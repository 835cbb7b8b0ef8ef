package io.understudy.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.understudy.http.CredentialedUrl;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A plain HTTP client for the tests, so they see exactly what a Confluent client would. User info in the URL becomes
 * an {@code Authorization} header, as Confluent's clients send it; {@link #withAuthorization} sends any header.
 */
final class RegistryHttp {
    static final String V1 = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String authorization;

    RegistryHttp(String url) {
        CredentialedUrl parsed = CredentialedUrl.parse(url);
        this.url = parsed.base().toString();
        this.authorization = parsed.credentials().map(c -> c.header()).orElse(null);
    }

    private RegistryHttp(String url, String authorization) {
        this.url = url;
        this.authorization = authorization;
    }

    /** The same registry, with this {@code Authorization} header (none for null). */
    RegistryHttp withAuthorization(String header) {
        return new RegistryHttp(url, header);
    }

    Answer delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(url + path)).DELETE());
    }

    record Answer(int status, String contentType, String text, java.net.http.HttpHeaders headers) {
        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + text, e);
            }
        }
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url + path)).GET());
    }

    Answer getAccepting(String path, String mediaType) {
        return send(HttpRequest.newBuilder(URI.create(url + path)).GET(), mediaType);
    }

    Answer post(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(url + path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer put(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(url + path)).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer register(String subject, String schema) {
        return post("/subjects/" + subject + "/versions", schemaBody(schema));
    }

    static String schemaBody(String schema) {
        return JSON.createObjectNode().put("schema", schema).toString();
    }

    private Answer send(HttpRequest.Builder request) {
        return send(request.header("Content-Type", V1), V1);
    }

    private Answer send(HttpRequest.Builder request, String accept) {
        try {
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = http.send(request.header("Accept", accept)
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(),
                    response.headers());
        } catch (IOException e) {
            throw new AssertionError("registry at " + url + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
