package io.understudy.demo.instance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.understudy.demo.traffic.AppHttp;

import java.io.IOException;
import java.util.Optional;

/** The sample app's own account of itself, from {@code GET /health} on an instance's private address. */
public record AppHealth(String instanceId, String role, String stackVersion, boolean cron) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Empty when the instance does not answer 200 with its JSON (dead, booting, fenced). */
    public static Optional<AppHealth> of(AppHttp http, String privateAddress) {
        AppHttp.Answer answer = http.get("http://" + privateAddress + ":" + SandboxPorts.APP + "/health");
        if (!answer.is(200)) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(answer.body());
            return Optional.of(new AppHealth(node.path("instanceId").asText(), node.path("role").asText(),
                    node.path("stackVersion").asText(), node.path("cron").asBoolean()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The cron lines the instance's /data holds ({@code GET /cron}); empty without /data. */
    public static String cronLines(AppHttp http, String privateAddress) {
        AppHttp.Answer answer = http.get("http://" + privateAddress + ":" + SandboxPorts.APP + "/cron");
        return answer.is(200) ? answer.body() : "";
    }
}
