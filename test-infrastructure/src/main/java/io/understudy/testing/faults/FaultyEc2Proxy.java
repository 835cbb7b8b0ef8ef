package io.understudy.testing.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP proxy between the AWS SDK and an EC2 endpoint (moto) that answers a share of calls the way EC2 does
 * when it is in trouble: 503 RequestLimitExceeded, 503 Unavailable, or a slow answer. moto never throttles and
 * answers at once; this is how tests show what the code does when EC2 does. It records every request, so a test
 * can count side effects that reached EC2 and measure the call rate the client kept.
 */
public final class FaultyEc2Proxy implements AutoCloseable {
    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([^&]+)");
    private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "expect",
            "upgrade", "keep-alive", "transfer-encoding", "te", "trailer", "proxy-connection");

    private final HttpServer server;
    private final ExecutorService threads;
    private final HttpClient upstreamClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI upstream;
    private final long started = System.nanoTime();
    private final Random random;
    private final Collection<Exchange> exchanges = new ConcurrentLinkedQueue<>();
    private final Map<String, Runnable> onceBefore = new ConcurrentHashMap<>();
    private final Map<String, Runnable> onceAfter = new ConcurrentHashMap<>();
    private final Map<String, UnaryOperator<String>> rewrites = new ConcurrentHashMap<>();
    private final Collection<Failure> failures = new ConcurrentLinkedQueue<>();
    private volatile Faults faults;

    private FaultyEc2Proxy(URI upstream, Faults faults) throws IOException {
        this.upstream = upstream;
        this.faults = faults;
        this.random = new Random(faults.seed());
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.threads = Executors.newFixedThreadPool(32, r -> {
            Thread t = new Thread(r, "faulty-ec2-proxy");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
    }

    /** A proxy on a free loopback port in front of {@code upstreamEndpoint}, e.g. moto's. */
    public static FaultyEc2Proxy start(String upstreamEndpoint, Faults faults) {
        try {
            FaultyEc2Proxy proxy = new FaultyEc2Proxy(URI.create(upstreamEndpoint), faults);
            proxy.server.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the EC2 proxy", e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void faults(Faults faults) {
        this.faults = faults;
    }

    /** Runs {@code hook} once, just before the next {@code action} is forwarded: how a test stages a race. */
    public void onceBefore(String action, Runnable hook) {
        onceBefore.put(action, hook);
    }

    /**
     * Runs {@code hook} once, after EC2 carried out the next {@code action} and before its answer goes back: how a
     * test kills a service between a side effect and its record of it. If the caller is gone by then, the answer is
     * lost, as it would be.
     */
    public void onceAfter(String action, Runnable hook) {
        onceAfter.put(action, hook);
    }

    /** Rewrites the body of EC2's answers to {@code action}, e.g. to add what moto cannot produce. */
    public void rewriteAnswers(String action, UnaryOperator<String> rewrite) {
        rewrites.put(action, rewrite);
    }

    /**
     * Answers every {@code action} whose form parameters satisfy {@code when} with EC2's error {@code code}, without
     * forwarding it: e.g. InsufficientInstanceCapacity for RunInstances into one subnet.
     */
    public void failWhen(String action, Predicate<String> when, String code, int status) {
        failures.add(new Failure(action, when, code, status));
    }

    public void stopRewriting(String action) {
        rewrites.remove(action);
    }

    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** How many {@code action} requests reached EC2 (forwarded, slow or not). */
    public long reachedEc2(String action) {
        return exchanges.stream().filter(e -> e.action().equals(action) && e.reachedEc2()).count();
    }

    /** The most requests with one of {@code actions} the proxy received within any {@code window}. */
    public int busiestWindow(Set<String> actions, Duration window) {
        List<Long> times = new ArrayList<>(exchanges.stream().filter(e -> actions.contains(e.action()))
                .map(Exchange::atNanos).sorted().toList());
        int busiest = 0;
        int first = 0;
        for (int last = 0; last < times.size(); last++) {
            while (times.get(last) - times.get(first) >= window.toNanos()) {
                first++;
            }
            busiest = Math.max(busiest, last - first + 1);
        }
        return busiest;
    }

    private void handle(HttpExchange http) throws IOException {
        try (http) {
            byte[] body = http.getRequestBody().readAllBytes();
            String action = action(new String(body, StandardCharsets.UTF_8), http.getRequestURI().getRawQuery());
            long at = System.nanoTime() - started;
            String form = URLDecoder.decode(new String(body, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            Optional<Failure> told = failures.stream().filter(f -> f.action.equals(action) && f.when.test(form)).findFirst();
            Exchange.Answer answer = told.isPresent() ? Exchange.Answer.FAILED_AS_TOLD : draw();
            exchanges.add(new Exchange(at, action, form, answer));
            switch (answer) {
                case FAILED_AS_TOLD -> error(http, told.get().status, told.get().code, "as the test told the proxy");
                case THROTTLED -> error(http, 503, "RequestLimitExceeded", "Request limit exceeded.");
                case UNAVAILABLE -> error(http, 503, "Unavailable", "The service is unavailable. Please try again shortly.");
                default -> {
                    if (answer == Exchange.Answer.SLOW) {
                        pause(faults.slowDelay());
                    }
                    forward(http, action, body);
                }
            }
        } catch (RuntimeException e) {
            // the SDK sees a broken connection, as it would from a real network fault
            System.err.println("EC2 proxy: " + e);
        }
    }

    private synchronized Exchange.Answer draw() {
        Faults now = faults;
        double roll = random.nextDouble();
        if (roll < now.throttledShare()) {
            return Exchange.Answer.THROTTLED;
        }
        if (roll < now.throttledShare() + now.unavailableShare()) {
            return Exchange.Answer.UNAVAILABLE;
        }
        if (roll < now.throttledShare() + now.unavailableShare() + now.slowShare()) {
            return Exchange.Answer.SLOW;
        }
        return Exchange.Answer.FORWARDED;
    }

    private void forward(HttpExchange http, String action, byte[] body) throws IOException {
        Runnable hook = onceBefore.remove(action);
        if (hook != null) {
            hook.run();
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(http.getRequestURI().toString()))
                .method(http.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        http.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = upstreamClient.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        byte[] answer = response.body();
        Runnable after = onceAfter.remove(action);
        if (after != null) {
            after.run();
        }
        UnaryOperator<String> rewrite = rewrites.get(action);
        if (rewrite != null && response.statusCode() == 200) {
            answer = rewrite.apply(new String(answer, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                http.getResponseHeaders().put(name, values);
            }
        });
        http.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
        http.getResponseBody().write(answer);
    }

    private static void error(HttpExchange http, int status, String code, String message) throws IOException {
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + code
                + "</Code><Message>" + message + "</Message></Error></Errors><RequestID>" + UUID.randomUUID()
                + "</RequestID></Response>").getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
        http.sendResponseHeaders(status, xml.length);
        http.getResponseBody().write(xml);
    }

    static String action(String body, String query) {
        for (String form : new String[]{body, query == null ? "" : query}) {
            Matcher m = ACTION.matcher(form);
            if (m.find()) {
                return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Failure(String action, Predicate<String> when, String code, int status) {
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
