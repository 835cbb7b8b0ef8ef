package io.understudy.management;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.runtime.server.EmbeddedServer;
import io.understudy.http.BasicCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Micronaut server with the management settings every service has (see any service's application.yml), in this
 * JVM: who gets /health's status, its details, /prometheus and the other endpoints.
 */
class ManagementAccessTest {
    private static final String SPEC = "management-access-test";
    private static final BasicCredentials OPERATOR = BasicCredentials.generate("operator");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static EmbeddedServer withCredentials;
    private static EmbeddedServer withoutCredentials;

    @BeforeAll
    static void start() {
        withCredentials = start(Map.of(ManagementCredentials.PROPERTY, OPERATOR.userInfo()));
        withoutCredentials = start(Map.of());
    }

    @AfterAll
    static void stop() {
        for (EmbeddedServer server : new EmbeddedServer[] {withCredentials, withoutCredentials}) {
            if (server != null) {
                server.getApplicationContext().close();
            }
        }
    }

    /** The services' settings (application.yml), plus {@code extra}. */
    static EmbeddedServer start(Map<String, Object> extra) {
        return start(extra, null);
    }

    /** The services' settings (application.yml), plus {@code extra}, without the setting {@code unset}. */
    static EmbeddedServer start(Map<String, Object> extra, String unset) {
        Map<String, Object> settings = new HashMap<>(Map.of(
                "spec.name", SPEC,
                "micronaut.server.host", "127.0.0.1",
                "micronaut.server.port", -1,
                "micronaut.metrics.enabled", true,
                "micronaut.metrics.export.prometheus.enabled", true,
                "endpoints.all.sensitive", true,
                "endpoints.health.sensitive", false,
                "endpoints.health.details-visible", "AUTHENTICATED",
                "endpoints.prometheus.sensitive", true));
        settings.putAll(extra);
        settings.remove(unset);
        return ApplicationContext.run(EmbeddedServer.class, settings);
    }

    @Test
    void anyoneGetsTheHealthStatusButNotItsDetails() throws Exception {
        for (EmbeddedServer server : new EmbeddedServer[] {withCredentials, withoutCredentials}) {
            HttpResponse<String> health = get(server, "/health", null);

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        }
    }

    @Test
    void theCredentialsGetTheHealthDetails() throws Exception {
        HttpResponse<String> health = get(withCredentials, "/health", OPERATOR.header());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"", "\"details\":", "\"diskSpace\"");
    }

    @Test
    void metricsNeedTheCredentials() throws Exception {
        HttpResponse<String> anonymous = get(withCredentials, "/prometheus", null);
        HttpResponse<String> wrongPassword = get(withCredentials, "/prometheus",
                new BasicCredentials(OPERATOR.user(), OPERATOR.password() + "x").header());
        HttpResponse<String> otherUser = get(withCredentials, "/prometheus", new BasicCredentials("other", OPERATOR.password()).header());
        HttpResponse<String> right = get(withCredentials, "/prometheus", OPERATOR.header());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue(BasicCredentials.challenge(ManagementAccessFilter.REALM));
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(otherUser.statusCode()).isEqualTo(401);
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(right.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void wrongCredentialsAreRefusedEvenWhereNoneAreNeeded() throws Exception {
        HttpResponse<String> health = get(withCredentials, "/health", new BasicCredentials("operator", "guess").header());

        assertThat(health.statusCode()).isEqualTo(401);
        assertThat(health.body()).doesNotContain("diskSpace");
    }

    @Test
    void withoutTheSettingNobodyGetsMetricsOrDetails() throws Exception {
        // whatever is sent: there is nothing to match it
        for (String authorization : new String[] {null, OPERATOR.header()}) {
            assertThat(get(withoutCredentials, "/prometheus", authorization).statusCode()).isEqualTo(401);
        }
        assertThat(get(withoutCredentials, "/health", OPERATOR.header()).statusCode()).isEqualTo(401);
    }

    @Test
    void everyOtherEnabledEndpointNeedsTheCredentials() throws Exception {
        // enabled by Micronaut's defaults, /info even marked not sensitive there: sensitive through endpoints.all.sensitive
        for (String endpoint : new String[] {"/beans", "/routes", "/info", "/threaddump"}) {
            assertThat(get(withCredentials, endpoint, null).statusCode()).as(endpoint).isEqualTo(401);
            assertThat(get(withCredentials, endpoint, OPERATOR.header()).statusCode()).as(endpoint).isEqualTo(200);
        }
    }

    @Test
    void routesThatAreNoManagementEndpointAreLeftAlone() throws Exception {
        HttpResponse<String> own = get(withCredentials, "/own-api", new BasicCredentials("someone", "else").header());

        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).isEqualTo("own");
    }

    @Test
    void credentialsThatDoNotReadUserColonPasswordStopTheStart() {
        assertThatThrownBy(() -> start(Map.of(ManagementCredentials.PROPERTY, "only-a-secret")))
                .hasStackTraceContaining(ManagementCredentials.PROPERTY)
                .satisfies(e -> assertThat(e).isInstanceOf(BeanInstantiationException.class))
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("only-a-secret"));
    }

    @Test
    void withoutTheSettingTheServiceSaysSoOnceAtStart() {
        Logger logger = (Logger) LoggerFactory.getLogger(ManagementCredentials.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        try (ApplicationContext context = start(Map.of()).getApplicationContext()) {
            assertThat(context.isRunning()).isTrue();
        } finally {
            logger.detachAppender(events);
        }

        assertThat(events.list).filteredOn(e -> e.getLevel() == Level.WARN)
                .singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                        .contains(ManagementCredentials.PROPERTY, ManagementCredentials.VARIABLE, "refused"));
    }

    @Test
    void theServerListensOnTheConfiguredAddressOnly() throws Exception {
        // all of 127/8 is loopback on Linux: a server on 127.0.0.1 alone does not answer on 127.0.0.2
        assertThat(Listening.accepts("127.0.0.1", withCredentials.getPort())).isTrue();
        assertThat(Listening.accepts("127.0.0.2", withCredentials.getPort())).isFalse();
        // the same check against Micronaut's own default, which the services had before: every address
        try (ApplicationContext everywhere = start(Map.of(), "micronaut.server.host").getApplicationContext()) {
            int port = everywhere.getBean(EmbeddedServer.class).getPort();
            assertThat(Listening.accepts("127.0.0.2", port)).as("a server without micronaut.server.host").isTrue();
        }
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter text = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }

    private static HttpResponse<String> get(EmbeddedServer server, String path, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Controller("/own-api")
    @Requires(property = "spec.name", value = SPEC)
    static class OwnApi {
        @Get(produces = "text/plain")
        String get() {
            return "own";
        }
    }
}
