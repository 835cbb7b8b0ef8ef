package io.understudy.demo.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's client of the sandbox's own API ({@code /sandbox-api}, the sandbox's {@code api.SandboxApi}), beside its
 * EC2 API: the crash (SIGKILL to an instance's whole process
 * group, while EC2 still reports it running) and the list of instance processes.
 */
public final class SandboxApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String endpoint;

    public SandboxApiClient(String endpoint) {
        this.endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }

    public void kill(String instanceId) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(endpoint + "/sandbox-api/instances/" + instanceId + "/kill"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        if (answer.statusCode() / 100 != 2) {
            throw new IllegalStateException("the sandbox refused to kill " + instanceId + ": HTTP " + answer.statusCode() + " " + answer.body());
        }
    }

    public List<SandboxInstance> instances() {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(endpoint + "/sandbox-api/instances")).GET());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("the sandbox did not list its instances: HTTP " + answer.statusCode() + " " + answer.body());
        }
        try {
            List<SandboxInstance> instances = new ArrayList<>();
            for (JsonNode node : JSON.readTree(answer.body())) {
                instances.add(new SandboxInstance(node.path("instanceId").asText(), node.path("privateAddress").asText(),
                        node.path("pgid").asLong(), node.path("alive").asBoolean()));
            }
            return instances;
        } catch (IOException e) {
            throw new IllegalStateException("the sandbox's instance list is not JSON: " + answer.body(), e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the sandbox at " + endpoint + " does not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to the sandbox", e);
        }
    }
}
