package io.understudy.health.probe;

import com.sun.net.httpserver.HttpServer;
import io.understudy.health.detection.InstanceRef;
import io.understudy.health.detection.ProbeResult;
import io.understudy.health.watch.ProbeTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class HttpProberTest {
    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final ProbeTarget TARGET = new ProbeTarget(new InstanceRef("env-1", "i-1"), "127.0.0.1");

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void stopServers() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    @Test
    void a_2xx_answer_is_healthy() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        int port = serve(204, requests);

        ProbeResult result = probe(port, "/health");

        assertThat(result.healthy()).isTrue();
        assertThat(requests).hasValue(1);
    }

    @Test
    void any_other_status_fails_the_probe() throws Exception {
        int port = serve(503, new AtomicInteger());

        ProbeResult result = probe(port, "/health");

        assertThat(result.healthy()).isFalse();
        assertThat(result.detail()).isEqualTo("HTTP 503");
    }

    @Test
    void a_closed_port_fails_the_probe_as_refused() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = closed.getLocalPort();
        }

        ProbeResult result = probe(port, "/health");

        assertThat(result.healthy()).isFalse();
        assertThat(result.detail()).isEqualTo("connection refused");
    }

    @Test
    void an_instance_that_never_answers_fails_the_probe_at_the_timeout() throws Exception {
        LoopbackServers.Silent silent = new LoopbackServers.Silent("127.0.0.1", 0);
        servers.add(silent);

        ProbeResult result = probe(silent.port(), "/health");

        assertThat(result.healthy()).isFalse();
        assertThat(result.detail()).isEqualTo("no answer within 300ms");
        assertThat(silent.connections()).isEqualTo(1);
    }

    private ProbeResult probe(int port, String path) throws Exception {
        HttpProber prober = new HttpProber(client, port, path, TIMEOUT, Clock.systemUTC());
        // generous bound: the point is that the probe ends by itself, not how fast
        return prober.probe(TARGET).get(5, TimeUnit.SECONDS);
    }

    private int serve(int status, AtomicInteger requests) throws IOException {
        HttpServer server = LoopbackServers.http("127.0.0.1", 0, status, requests);
        servers.add(() -> server.stop(0));
        return server.getAddress().getPort();
    }
}
