package io.understudy.schemas.registry;

import com.sun.net.httpserver.HttpServer;
import io.understudy.http.BasicCredentials;
import io.understudy.http.CredentialedUrl;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the client sends and how it reports refusals, against a loopback HTTP server that answers as the registry does
 * (the real registry's answers are shown in SerdeCredentialsIT).
 */
class HttpSchemaRegistryClientTest {
    private static final BasicCredentials WRITER = new BasicCredentials("registry-writer", "hunter2");
    private static final Schema SCHEMA = SchemaBuilder.record("Order").fields().requiredString("id").endRecord();

    private HttpServer server;
    private final List<Optional<String>> authorizations = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String body = "{\"id\": 7}";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] answer = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void userInfoBecomesAnAuthorizationHeader() {
        int id = new HttpSchemaRegistryClient(CredentialedUrl.with(url(), WRITER)).register("orders-value", SCHEMA);

        assertThat(id).isEqualTo(7);
        assertThat(authorizations).containsExactly(Optional.of(WRITER.header()));
    }

    @Test
    void credentialsGivenApartAreSentToo() {
        new HttpSchemaRegistryClient(new CredentialedUrl(java.net.URI.create(url()), Optional.of(WRITER)), Duration.ofSeconds(5))
                .register("orders-value", SCHEMA);

        assertThat(authorizations).containsExactly(Optional.of(WRITER.header()));
    }

    @Test
    void withoutCredentialsNoHeaderIsSent() {
        new HttpSchemaRegistryClient(url()).register("orders-value", SCHEMA);

        assertThat(authorizations).containsExactly(Optional.empty());
    }

    @Test
    void a401IsAClearPermanentErrorNamingTheSubjectAndNotThePassword() {
        status = 401;
        body = "{\"error_code\": 40101, \"message\": \"Unauthorized\"}";
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(CredentialedUrl.with(url(), WRITER));

        assertThatThrownBy(() -> client.register("orders-value", SCHEMA)).isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.retriable()).isFalse();
            assertThat(e.credentialsRefused()).isTrue();
            assertThat(e.errorCode()).isEqualTo(40101);
            assertThat(e.getMessage()).contains("orders-value").contains("registry-writer").contains("are wrong")
                    .contains(url()).doesNotContain("hunter2");
        });
        assertThat(client.toString()).contains("registry-writer:***@").doesNotContain("hunter2");
    }

    @Test
    void a403SaysTheUserMayNotWrite() {
        status = 403;
        body = "{\"error_code\": 40301, \"message\": \"Forbidden\"}";
        HttpSchemaRegistryClient client = new HttpSchemaRegistryClient(CredentialedUrl.with(url(), new BasicCredentials("registry-reader", "r")));

        assertThatThrownBy(() -> client.setCompatibility("orders-value", "FULL")).isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.retriable()).isFalse();
            assertThat(e.errorCode()).isEqualTo(40301);
            assertThat(e.getMessage()).contains("orders-value").contains("registry-reader").contains("writer");
        });
    }

    @Test
    void aRegistryAnsweringWithoutConfluentsCodesStillCountsAsARefusal() {
        status = 401;
        body = "";

        assertThatThrownBy(() -> new HttpSchemaRegistryClient(url()).register("orders-value", SCHEMA))
                .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(40101);
                    assertThat(e.credentialsRefused()).isTrue();
                    assertThat(e.getMessage()).contains("credentials are missing");
                });
    }

    @Test
    void aUrlThatCannotBeReadIsNamedRedacted() {
        assertThatThrownBy(() -> new HttpSchemaRegistryClient("http://registry-writer:hunter2@bad host:8081"))
                .hasMessageNotContaining("hunter2");
    }
}
