package io.understudy.registry;

import io.understudy.broker.KafkaBroker;
import io.understudy.http.BasicCredentials;
import io.understudy.registry.RegistryHttp.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry as Confluent clients see it, against a real broker. */
class SchemaRegistryServiceIT {
    private static final String V1 = """
            {"type": "record", "name": "Order", "namespace": "shop", "fields": [{"name": "id", "type": "string"}]}""";
    private static final String V2 = """
            {"type": "record", "name": "Order", "namespace": "shop", "fields": [{"name": "id", "type": "string"},
             {"name": "zone", "type": "string", "default": "a"}]}""";
    private static final String REQUIRED_ZONE = """
            {"type": "record", "name": "Order", "namespace": "shop", "fields": [{"name": "id", "type": "string"},
             {"name": "zone", "type": "string"}]}""";

    private static KafkaBroker broker;
    private static EmbeddedSchemaRegistry registry;
    private static RegistryHttp http;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.start(Path.of("target", "broker-" + UUID.randomUUID()));
        registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers());
        http = new RegistryHttp(registry.writerUrl());
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void registers_and_finds_a_schema_every_way_confluent_clients_ask() {
        String subject = subject();
        Answer registered = http.register(subject, V1);

        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.contentType()).startsWith(RegistryHttp.V1);
        int id = registered.json().path("id").asInt();
        assertThat(id).isPositive();

        assertThat(http.get("/schemas/ids/" + id).json().path("schema").asText()).contains("\"name\":\"Order\"");
        assertThat(http.get("/schemas/ids/" + id + "/schema").json().path("name").asText()).isEqualTo("Order");
        assertThat(http.get("/subjects").json()).anySatisfy(s -> assertThat(s.asText()).isEqualTo(subject));
        assertThat(http.get("/subjects/" + subject + "/versions").json().toString()).isEqualTo("[1]");
        Answer latest = http.get("/subjects/" + subject + "/versions/latest");
        assertThat(latest.json().path("id").asInt()).isEqualTo(id);
        assertThat(latest.json().path("version").asInt()).isEqualTo(1);
        assertThat(latest.json().path("subject").asText()).isEqualTo(subject);
        assertThat(http.get("/subjects/" + subject + "/versions/1/schema").json().path("namespace").asText()).isEqualTo("shop");
        Answer lookedUp = http.post("/subjects/" + subject, RegistryHttp.schemaBody(V1));
        assertThat(lookedUp.json().path("id").asInt()).isEqualTo(id);
        assertThat(lookedUp.json().path("version").asInt()).isEqualTo(1);
    }

    @Test
    void the_same_schema_keeps_its_id_across_registrations_and_subjects() {
        String subject = subject();
        int id = http.register(subject, V1).json().path("id").asInt();

        assertThat(http.register(subject, V1.replace(" ", "")).json().path("id").asInt()).isEqualTo(id);
        assertThat(http.register(subject(), V1).json().path("id").asInt()).isEqualTo(id);
        assertThat(http.get("/subjects/" + subject + "/versions").json().toString()).isEqualTo("[1]");
    }

    @Test
    void a_compatible_change_becomes_the_next_version_with_a_new_id() {
        String subject = subject();
        int first = http.register(subject, V1).json().path("id").asInt();

        int second = http.register(subject, V2).json().path("id").asInt();

        assertThat(second).isNotEqualTo(first);
        assertThat(http.get("/subjects/" + subject + "/versions").json().toString()).isEqualTo("[1,2]");
        assertThat(http.get("/subjects/" + subject + "/versions/2").json().path("id").asInt()).isEqualTo(second);
    }

    @Test
    void an_incompatible_change_is_refused_with_409_and_the_reason() {
        String subject = subject();
        http.register(subject, V1);

        Answer refused = http.register(subject, REQUIRED_ZONE);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("error_code").asInt()).isEqualTo(409);
        assertThat(refused.json().path("message").asText()).contains("zone");
        assertThat(http.get("/subjects/" + subject + "/versions").json().toString()).isEqualTo("[1]");
    }

    @Test
    void compatibility_can_be_asked_without_registering() {
        String subject = subject();
        http.register(subject, V1);

        Answer bad = http.post("/compatibility/subjects/" + subject + "/versions/latest?verbose=true", RegistryHttp.schemaBody(REQUIRED_ZONE));
        Answer good = http.post("/compatibility/subjects/" + subject + "/versions/1", RegistryHttp.schemaBody(V2));

        assertThat(bad.json().path("is_compatible").asBoolean(true)).isFalse();
        assertThat(bad.json().path("messages").toString()).contains("zone");
        assertThat(good.json().path("is_compatible").asBoolean(false)).isTrue();
        assertThat(good.json().has("messages")).isFalse();
        assertThat(http.get("/subjects/" + subject + "/versions").json().toString()).isEqualTo("[1]");
    }

    @Test
    void levels_are_set_globally_and_per_subject() {
        String subject = subject();
        http.register(subject, V1);

        assertThat(http.get("/config").json().path("compatibilityLevel").asText()).isEqualTo("BACKWARD");
        assertThat(http.get("/config/" + subject).json().path("error_code").asInt()).isEqualTo(40408);
        assertThat(http.get("/config/" + subject + "?defaultToGlobal=true").json().path("compatibilityLevel").asText()).isEqualTo("BACKWARD");

        Answer changed = http.put("/config/" + subject, "{\"compatibility\": \"NONE\"}");

        assertThat(changed.json().path("compatibility").asText()).isEqualTo("NONE");
        assertThat(http.get("/config/" + subject).json().path("compatibilityLevel").asText()).isEqualTo("NONE");
        assertThat(http.register(subject, REQUIRED_ZONE).status()).isEqualTo(200);
        assertThat(http.put("/config/" + subject, "{\"compatibility\": \"SIDEWAYS\"}").json().path("error_code").asInt()).isEqualTo(42203);
    }

    @Test
    void errors_carry_confluents_codes() {
        String subject = subject();
        http.register(subject, V1);

        assertError(http.get("/subjects/missing-" + UUID.randomUUID() + "/versions"), 404, 40401);
        assertError(http.get("/subjects/" + subject + "/versions/9"), 404, 40402);
        assertError(http.get("/subjects/" + subject + "/versions/zero"), 422, 42202);
        assertError(http.get("/schemas/ids/987654"), 404, 40403);
        assertError(http.post("/subjects/" + subject, RegistryHttp.schemaBody(V2)), 404, 40403);
        assertError(http.register(subject, "{\"type\": \"rekord\"}"), 422, 42201);
        assertError(http.post("/subjects/" + subject + "/versions", "{\"schema\": \"{}\", \"schemaType\": \"PROTOBUF\"}"), 422, 42201);
    }

    @Test
    void plain_json_clients_are_served_too() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var response = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(registry.url() + "/subjects/" + subject() + "/versions"))
                        .header("Authorization", registry.access().writer().orElseThrow().header())
                        .header("Content-Type", "application/json").header("Accept", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(RegistryHttp.schemaBody(V1))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"id\"");
    }

    @Test
    void health_answers_anyone_and_metrics_only_the_management_credentials() throws Exception {
        // anonymous, as a load balancer asks: the registry's own credentials are not the management's
        RegistryHttp anonymous = http.withAuthorization(null);
        assertThat(anonymous.get("/health").json().path("status").asText()).isEqualTo("UP");
        assertThat(anonymous.getAccepting("/prometheus", "text/plain").status()).as("without understudy.management.credentials").isEqualTo(401);
        assertThat(http.get("/health").status()).as("the registry writer's credentials are wrong ones for the management endpoints")
                .isEqualTo(401);

        BasicCredentials operator = BasicCredentials.generate("operator");
        Map<String, Object> settings = Map.of("understudy.registry.topic", "_schemas-" + UUID.randomUUID(),
                "understudy.management.credentials", operator.userInfo());
        try (EmbeddedSchemaRegistry managed = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0, settings)) {
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            java.net.http.HttpRequest.Builder metrics = java.net.http.HttpRequest.newBuilder(URI.create(managed.url() + "/prometheus"));
            assertThat(client.send(metrics.build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            java.net.http.HttpResponse<String> answer = client.send(metrics.header("Authorization", operator.header()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("jvm_");
        }
    }

    @Test
    void a_restart_keeps_subjects_ids_and_levels() {
        Map<String, Object> ownLog = Map.of("understudy.registry.topic", "_schemas-" + UUID.randomUUID());
        int v1;
        int v2;
        try (EmbeddedSchemaRegistry first = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0, ownLog)) {
            RegistryHttp before = new RegistryHttp(first.writerUrl());
            v1 = before.register("orders-value", V1).json().path("id").asInt();
            v2 = before.register("orders-value", V2).json().path("id").asInt();
            before.register("refunds-value", V2);
            before.put("/config", "{\"compatibility\": \"FULL\"}");
            before.put("/config/refunds-value", "{\"compatibility\": \"NONE\"}");
        }

        try (EmbeddedSchemaRegistry second = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0, ownLog)) {
            RegistryHttp after = new RegistryHttp(second.writerUrl());

            assertThat(after.get("/subjects").json().toString()).isEqualTo("[\"orders-value\",\"refunds-value\"]");
            assertThat(after.get("/subjects/orders-value/versions/1").json().path("id").asInt()).isEqualTo(v1);
            assertThat(after.get("/subjects/orders-value/versions/latest").json().path("id").asInt()).isEqualTo(v2);
            assertThat(after.get("/subjects/refunds-value/versions/1").json().path("id").asInt()).isEqualTo(v2);
            assertThat(after.get("/config").json().path("compatibilityLevel").asText()).isEqualTo("FULL");
            assertThat(after.get("/config/refunds-value").json().path("compatibilityLevel").asText()).isEqualTo("NONE");
            String third = """
                    {"type": "record", "name": "Refund", "fields": [{"name": "id", "type": "string"}]}""";
            assertThat(after.register("payments-value", third).json().path("id").asInt()).isEqualTo(v2 + 1);
            String withoutId = """
                    {"type": "record", "name": "Order", "namespace": "shop", "fields": [{"name": "zone", "type": "string", "default": "a"}]}""";
            assertError(after.register("orders-value", withoutId), 409, 409);
        }
    }

    @Test
    void other_modules_beans_stay_out_of_the_embedded_registry() {
        // io.understudy.foreign.ExplodingBean is an eager bean that fails if it is ever created
        assertThat(http.get("/subjects").status()).isEqualTo(200);
        assertThat(RegistryBeansOnly.foreignBeanDefinition("io.understudy.foreign.$ExplodingBean$Definition$Reference")).isTrue();
        assertThat(RegistryBeansOnly.foreignBeanDefinition("io.understudy.registry.http.$SubjectController$Definition")).isFalse();
        assertThat(RegistryBeansOnly.foreignBeanDefinition("io.understudy.foreign.ExplodingBean")).isFalse();
        assertThat(RegistryBeansOnly.foreignBeanDefinition("io.understudy.management.$ManagementAccessFilter$Definition")).isFalse();
    }

    @Test
    void a_taken_port_is_refused_with_a_clear_message() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> EmbeddedSchemaRegistry.start(broker.bootstrapServers(), taken.getLocalPort()))
                    .hasMessageContaining("port " + taken.getLocalPort()).hasMessageContaining("already in use");
        }
    }

    private static void assertError(Answer answer, int status, int code) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.json().path("error_code").asInt()).as(answer.text()).isEqualTo(code);
        assertThat(answer.json().path("message").asText()).isNotBlank();
    }

    private static String subject() {
        return "test-" + UUID.randomUUID() + "-value";
    }
}
