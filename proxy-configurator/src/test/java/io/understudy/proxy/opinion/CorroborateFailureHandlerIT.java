package io.understudy.proxy.opinion;

import com.sun.net.httpserver.HttpServer;
import io.understudy.contract.CorroborateFailure;
import io.understudy.contract.EventMetadata;
import io.understudy.execution.Outcome;
import io.understudy.proxy.ProxySettings;
import io.understudy.testing.AppInstance;
import io.understudy.testing.Infrastructure;
import io.understudy.testing.InstancePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second opinion against real listeners on loopback addresses: an instance's HAProxy answering, killed (its
 * ports refuse connections) or frozen (SIGSTOP: the kernel still accepts, nothing answers), an address whose listen
 * queue is full (the kernel drops the SYNs, as a network that drops packets does), and HTTP servers answering 5xx.
 */
class CorroborateFailureHandlerIT {
    private final String subnet = "127." + ThreadLocalRandom.current().nextInt(16, 251) + "." + ThreadLocalRandom.current().nextInt(1, 255) + ".";
    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable closeable : started) {
            closeable.close();
        }
    }

    private AppInstance instance(int host) {
        AppInstance instance = AppInstance.start(Infrastructure.workDir("instance"), subnet + host, InstancePorts.pickFree());
        started.add(instance);
        return instance;
    }

    private static SecondOpinionSettings opinion(Duration timeout, int attempts, Duration between) {
        SecondOpinionSettings settings = new SecondOpinionSettings();
        settings.setTimeout(timeout);
        settings.setAttempts(attempts);
        settings.setBetweenAttempts(between);
        return settings;
    }

    private static CorroborateFailureHandler handler(int appPort, SecondOpinionSettings settings) {
        ProxySettings proxy = new ProxySettings(9999, appPort, "app", true, Duration.ofSeconds(2));
        return new CorroborateFailureHandler(new HealthProbe(settings), settings, proxy);
    }

    private static CorroborateFailure corroborate(String address) {
        EventMetadata meta = new EventMetadata("cmd-" + UUID.randomUUID(), "env-1", "takeover-1", null, Instant.now(), "test");
        return new CorroborateFailure(meta, "i-master", address);
    }

    /** The outcome and how long the handler took to reach it. */
    private record Timed(Outcome outcome, Duration took) {
    }

    private static Timed timed(CorroborateFailureHandler handler, CorroborateFailure command) {
        long start = System.nanoTime();
        Outcome outcome = handler.handle(command);
        return new Timed(outcome, Duration.ofNanos(System.nanoTime() - start));
    }

    @Test
    void anInstanceThatAnswersHealthyRefutesTheFailureAtTheFirstAttempt() {
        AppInstance master = instance(4);

        Outcome outcome = handler(master.ports().app(), new SecondOpinionSettings()).handle(corroborate(master.privateAddress()));

        assertThat(outcome.succeeded()).as(outcome.error()).isTrue();
        assertThat(outcome.outputs()).containsEntry("verdict", "refuted");
        assertThat(outcome.outputs().get("evidence")).contains("GET " + master.appUrl("/health"))
                .contains("attempt 1 answered 200").doesNotContain("attempt 2");
    }

    @Test
    void aKilledInstanceIsConfirmedWithoutWaitingForATimeout() {
        AppInstance master = instance(4);
        master.kill();
        Duration timeout = Duration.ofSeconds(5);

        Timed corroborated = timed(handler(master.ports().app(), opinion(timeout, 2, Duration.ofMillis(200))),
                corroborate(master.privateAddress()));

        assertThat(corroborated.outcome().succeeded()).as(corroborated.outcome().error()).isTrue();
        assertThat(corroborated.outcome().outputs()).containsEntry("verdict", "confirmed");
        assertThat(corroborated.outcome().outputs().get("evidence")).contains("in 2 attempts")
                .contains("attempt 1 connection refused").contains("attempt 2 connection refused");
        // refused connections are an answer: the opinion never waits out the 5 s timeout of an attempt
        assertThat(corroborated.took()).isLessThan(timeout);
    }

    @Test
    void aFrozenInstanceIsConfirmedOnceEveryAttemptTimedOut() throws Exception {
        AppInstance master = instance(4);
        SecondOpinionSettings settings = opinion(Duration.ofMillis(400), 2, Duration.ofMillis(100));
        Timed corroborated;
        signal("STOP", master);
        try {
            corroborated = timed(handler(master.ports().app(), settings), corroborate(master.privateAddress()));
        } finally {
            signal("CONT", master);
        }

        assertThat(corroborated.outcome().succeeded()).as(corroborated.outcome().error()).isTrue();
        assertThat(corroborated.outcome().outputs()).containsEntry("verdict", "confirmed");
        assertThat(corroborated.outcome().outputs().get("evidence"))
                .contains("attempt 1 no answer within 400 ms").contains("attempt 2 no answer within 400 ms");
        assertThat(corroborated.took()).isGreaterThanOrEqualTo(Duration.ofMillis(800))
                .isLessThan(settings.worstCase().plusSeconds(2));
    }

    @Test
    void anAddressThatDropsPacketsIsConfirmedWithinTheTimeout() throws Exception {
        InetAddress address = InetAddress.getByName(subnet + 4);
        ServerSocket full = new ServerSocket(0, 1, address);
        started.add(full);
        fillListenQueue(full);
        SecondOpinionSettings settings = opinion(Duration.ofMillis(400), 2, Duration.ofMillis(100));

        Timed corroborated = timed(handler(full.getLocalPort(), settings), corroborate(subnet + 4));

        assertThat(corroborated.outcome().succeeded()).as(corroborated.outcome().error()).isTrue();
        assertThat(corroborated.outcome().outputs()).containsEntry("verdict", "confirmed");
        assertThat(corroborated.outcome().outputs().get("evidence"))
                .contains("attempt 1 no connection within 400 ms").contains("attempt 2 no connection within 400 ms");
        assertThat(corroborated.took()).isGreaterThanOrEqualTo(Duration.ofMillis(800))
                .isLessThan(settings.worstCase().plusSeconds(2));
    }

    @Test
    void anAppAnswering5xxIsConfirmed() throws Exception {
        HttpServer app = httpServer(subnet + 5, new AtomicInteger(), 503);

        Outcome outcome = handler(app.getAddress().getPort(), opinion(Duration.ofSeconds(1), 2, Duration.ofMillis(50)))
                .handle(corroborate(subnet + 5));

        assertThat(outcome.succeeded()).as(outcome.error()).isTrue();
        assertThat(outcome.outputs()).containsEntry("verdict", "confirmed");
        assertThat(outcome.outputs().get("evidence")).contains("attempt 1 answered 503").contains("attempt 2 answered 503");
    }

    @Test
    void anAppThatRecoversBetweenAttemptsRefutesTheFailure() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        HttpServer app = httpServer(subnet + 5, asked, 503, 200);

        Outcome outcome = handler(app.getAddress().getPort(), opinion(Duration.ofSeconds(1), 3, Duration.ofMillis(50)))
                .handle(corroborate(subnet + 5));

        assertThat(outcome.outputs()).containsEntry("verdict", "refuted");
        assertThat(outcome.outputs().get("evidence")).containsPattern("attempt 1 answered 503 after \\d+ ms; attempt 2 answered 200")
                .doesNotContain("attempt 3");
        assertThat(asked).as("requests the app received").hasValue(2);
    }

    @Test
    void theConfiguredPathIsTheOneAsked() throws Exception {
        HttpServer app = httpServer(subnet + 5, new AtomicInteger(), 200);
        app.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        SecondOpinionSettings health = opinion(Duration.ofSeconds(1), 1, Duration.ZERO);
        health.setPath("/health");
        SecondOpinionSettings status = opinion(Duration.ofSeconds(1), 1, Duration.ZERO);
        status.setPath("/status");

        Outcome onHealth = handler(app.getAddress().getPort(), health).handle(corroborate(subnet + 5));
        Outcome onStatus = handler(app.getAddress().getPort(), status).handle(corroborate(subnet + 5));

        assertThat(onHealth.outputs()).containsEntry("verdict", "refuted");
        assertThat(onStatus.outputs()).containsEntry("verdict", "confirmed");
        assertThat(onStatus.outputs().get("evidence")).contains("/status").contains("answered 404");
    }

    @Test
    void anAddressThatIsNoIpv4AddressIsRefusedWithoutAsking() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        HttpServer app = httpServer(subnet + 5, asked, 200);

        // followed, this would ask the server above and "refute" a failure of some other instance
        Outcome outcome = handler(app.getAddress().getPort(), new SecondOpinionSettings())
                .handle(corroborate(subnet + 5 + ":" + app.getAddress().getPort() + "/health#"));

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.retriable()).isFalse();
        assertThat(outcome.error()).contains("i-master").contains("is not an IPv4 address");
        assertThat(asked).hasValue(0);
    }

    /**
     * Connects until the kernel stops completing handshakes: with the accept queue full and no one accepting, Linux
     * drops every further SYN, so a client sees nothing at all, as behind a network that drops packets.
     */
    private void fillListenQueue(ServerSocket listener) throws IOException {
        for (int i = 0; i < 16; i++) {
            Socket socket = new Socket();
            started.add(socket);
            try {
                socket.connect(new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()), 200);
            } catch (SocketTimeoutException dropped) {
                return;
            }
        }
        throw new IllegalStateException("the listen queue of " + listener + " never filled up: SYNs are not dropped here");
    }

    /** A JDK HTTP server on {@code address} answering {@code /health} with the given statuses in turn, the last one after. */
    private HttpServer httpServer(String address, AtomicInteger asked, int... statuses) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 0);
        server.createContext("/health", exchange -> {
            int n = asked.getAndIncrement();
            exchange.sendResponseHeaders(statuses[Math.min(n, statuses.length - 1)], -1);
            exchange.close();
        });
        server.start();
        started.add(() -> server.stop(0));
        return server;
    }

    /** SIGSTOP or SIGCONT to the instance's HAProxy master and workers. */
    private static void signal(String signal, AppInstance instance) throws Exception {
        ProcessHandle master = ProcessHandle.of(instance.haproxy().pid()).orElseThrow();
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal, Long.toString(master.pid())));
        master.descendants().forEach(p -> command.add(Long.toString(p.pid())));
        Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(kill.getInputStream().readAllBytes());
        assertThat(kill.waitFor()).as("kill -" + signal + ": " + said).isZero();
    }
}
