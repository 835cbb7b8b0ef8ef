package io.understudy.sandbox.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.understudy.sandbox.cloud.Cloud;
import io.understudy.sandbox.cloud.Ec2Exception;
import io.understudy.sandbox.local.LocalResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The sandbox's one HTTP port: the EC2 Query API on {@code /} (form-encoded POST, XML answers, errors as HTTP 400
 * with EC2's error document) and, for the demo only, {@code /sandbox-api/} to crash instances behind EC2's back.
 */
public final class SandboxHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxHttpServer.class);

    private final HttpServer server;
    private final ExecutorService threads;

    private SandboxHttpServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    public static SandboxHttpServer start(int port, Cloud cloud, LocalResources resources, Clock clock) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            Ec2Actions actions = new Ec2Actions(cloud, clock);
            SandboxApi sandboxApi = new SandboxApi(cloud, resources);
            server.createContext("/", exchange -> ec2(exchange, actions));
            server.createContext("/sandbox-api/", sandboxApi::handle);
            ExecutorService threads = Executors.newFixedThreadPool(8, r -> {
                Thread thread = new Thread(r, "sandbox-http");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(threads);
            server.start();
            return new SandboxHttpServer(server, threads);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    private static void ec2(HttpExchange exchange, Ec2Actions actions) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String query = exchange.getRequestURI().getRawQuery();
            QueryParameters parameters = QueryParameters.parse(query == null ? "" : query).merge(QueryParameters.parse(body));
            int status;
            String answer;
            try {
                answer = actions.answer(parameters);
                status = 200;
                String action = parameters.get("Action");
                if (!action.startsWith("Describe")) {
                    LOG.info("{} {}", action, summary(parameters));
                }
            } catch (Ec2Exception e) {
                LOG.info("{} -> {}: {}", parameters.get("Action"), e.code(), e.getMessage());
                answer = error(e.code(), e.getMessage());
                status = 400;
            } catch (RuntimeException e) {
                LOG.error("{} failed", parameters.get("Action"), e);
                answer = error("InternalError", "The sandbox failed: " + e);
                status = 500;
            }
            send(exchange, status, "text/xml;charset=UTF-8", answer);
        }
    }

    /** The ids a call named, enough to follow a takeover in the log. */
    private static String summary(QueryParameters parameters) {
        StringBuilder out = new StringBuilder();
        for (String name : new String[] {"InstanceId", "InstanceId.1", "ResourceId.1", "AllocationId", "AssociationId", "PublicIp",
                "VolumeId", "SnapshotId", "ImageId", "Device", "Force", "Tag.1.Key", "Tag.1.Value"}) {
            String value = parameters.get(name);
            if (value != null) {
                out.append(name).append('=').append(value).append(' ');
            }
        }
        return out.toString().trim();
    }

    static String error(String code, String message) {
        return new Xml().open("Response").open("Errors").open("Error").leaf("Code", code).leaf("Message", message)
                .close("Error").close("Errors").leaf("RequestID", RequestIds.next()).close("Response").toString();
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
