package io.understudy.sandbox.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.understudy.sandbox.cloud.Cloud;
import io.understudy.sandbox.cloud.Instance;
import io.understudy.sandbox.local.LocalResources;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Outside EC2, for the demo: {@code GET /sandbox-api/instances} lists the process groups, {@code POST
 * /sandbox-api/instances/<id>/kill} crashes an instance (SIGKILL to its group) while EC2 still says running.
 */
final class SandboxApi {
    private static final Pattern KILL = Pattern.compile("/sandbox-api/instances/([^/]+)/kill");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Cloud cloud;
    private final LocalResources resources;

    SandboxApi(Cloud cloud, LocalResources resources) {
        this.cloud = cloud;
        this.resources = resources;
    }

    void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Matcher kill = KILL.matcher(path);
            if (method.equals("GET") && path.equals("/sandbox-api/instances")) {
                SandboxHttpServer.send(exchange, 200, "application/json", JSON.writeValueAsString(instances()));
            } else if (method.equals("POST") && kill.matches()) {
                String id = kill.group(1);
                if (cloud.instance(id).isEmpty()) {
                    SandboxHttpServer.send(exchange, 404, "application/json", JSON.writeValueAsString(Map.of("error", "no instance " + id)));
                } else {
                    boolean killed = resources.kill(id);
                    SandboxHttpServer.send(exchange, 200, "application/json",
                            JSON.writeValueAsString(Map.of("instanceId", id, "killed", killed)));
                }
            } else {
                SandboxHttpServer.send(exchange, 404, "application/json", JSON.writeValueAsString(Map.of("error", method + " " + path + " is not a sandbox-api call")));
            }
        }
    }

    private List<Map<String, Object>> instances() {
        return cloud.instances().stream().map(this::describe).toList();
    }

    private Map<String, Object> describe(Instance instance) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("instanceId", instance.instanceId);
        entry.put("privateAddress", instance.privateAddress);
        entry.put("state", instance.state.ec2Name());
        entry.put("pgid", resources.group(instance.instanceId));
        entry.put("alive", resources.alive(instance.instanceId));
        return entry;
    }
}
