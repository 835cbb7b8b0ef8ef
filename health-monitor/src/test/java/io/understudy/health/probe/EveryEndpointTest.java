package io.understudy.health.probe;

import com.sun.net.httpserver.HttpServer;
import io.understudy.health.detection.InstanceRef;
import io.understudy.health.detection.ProbeResult;
import io.understudy.health.watch.ProbeTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The app server and HAProxy of one instance, played by two real HTTP servers on loopback. */
class EveryEndpointTest {
    private static final ProbeTarget TARGET = new ProbeTarget(new InstanceRef("env-1", "i-1"), "127.0.0.1");
    /** Generous: this test is about combining answers, and the first exchange of a cold client is slow on a busy machine. */
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    private final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(s -> s.stop(0));
    }

    @Test
    void an_instance_is_healthy_when_its_app_server_and_haproxy_both_are() throws Exception {
        ProbeResult result = probe(serve(200), serve(200));

        assertThat(result.healthy()).as(result.detail()).isTrue();
    }

    @Test
    void a_failing_haproxy_fails_the_instance_and_says_so() throws Exception {
        ProbeResult result = probe(serve(200), serve(503));

        assertThat(result.healthy()).isFalse();
        assertThat(result.detail()).isEqualTo("haproxy: HTTP 503");
    }

    @Test
    void both_failures_are_named() throws Exception {
        ProbeResult result = probe(serve(500), serve(503));

        assertThat(result.detail()).isEqualTo("app: HTTP 500, haproxy: HTTP 503");
    }

    private ProbeResult probe(int appPort, int proxyPort) throws Exception {
        EveryEndpoint prober = new EveryEndpoint(Map.of(
                "app", new HttpProber(client, appPort, "/health", TIMEOUT, Clock.systemUTC()),
                "haproxy", new HttpProber(client, proxyPort, "/haproxy-health", TIMEOUT, Clock.systemUTC())));
        return prober.probe(TARGET).get(5, TimeUnit.SECONDS);
    }

    private int serve(int status) {
        HttpServer server = LoopbackServers.http("127.0.0.1", 0, status, new AtomicInteger());
        servers.add(server);
        return server.getAddress().getPort();
    }
}
