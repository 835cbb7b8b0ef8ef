package io.understudy.registry;

import io.understudy.broker.KafkaBroker;
import io.understudy.http.BasicCredentials;
import io.understudy.http.CredentialedUrl;
import io.understudy.kafka.KafkaSettings;
import io.understudy.registry.RegistryHttp.Answer;
import io.understudy.registry.access.ReadAccess;
import io.understudy.registry.access.RegistryAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HTTP basic authentication of the registry as a Confluent client meets it: who may write, who may read. */
class SchemaRegistryAccessIT {
    private static final String SCHEMA = """
            {"type": "record", "name": "Order", "namespace": "shop", "fields": [{"name": "id", "type": "string"}]}""";

    private static KafkaBroker broker;
    /** Secured as by default: generated writer and reader, reads authenticated. */
    private static EmbeddedSchemaRegistry registry;
    /** The same users' kind, reads open, a log of its own. */
    private static EmbeddedSchemaRegistry openReads;
    private static RegistryHttp anonymous;
    private static RegistryHttp reader;
    private static RegistryHttp writer;

    @BeforeAll
    static void start() {
        broker = KafkaBroker.start(Path.of("target", "broker-" + UUID.randomUUID()));
        registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers());
        openReads = EmbeddedSchemaRegistry.start(KafkaSettings.of(Map.of(KafkaSettings.BOOTSTRAP_SERVERS, broker.bootstrapServers())),
                0, RegistryAccess.generated(ReadAccess.OPEN), Map.of("understudy.registry.topic", "_schemas-open-reads"));
        anonymous = new RegistryHttp(registry.url());
        reader = new RegistryHttp(registry.readerUrl());
        writer = new RegistryHttp(registry.writerUrl());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {openReads, registry, broker}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                System.err.println("could not close " + closeable + ": " + e);
            }
        }
    }

    @Test
    void registeringNeedsTheWriter() {
        String subject = subject();

        Answer nobody = anonymous.register(subject, SCHEMA);
        Answer wrong = anonymous.withAuthorization(new BasicCredentials(RegistryAccess.WRITER_USER, "guessed").header()).register(subject, SCHEMA);
        Answer asReader = reader.register(subject, SCHEMA);

        assertUnauthorized(nobody);
        assertUnauthorized(wrong);
        assertThat(wrong.json().path("message").asText()).contains("wrong").doesNotContain("guessed");
        assertForbidden(asReader);
        assertThat(writer.get("/subjects/" + subject + "/versions").status()).as("nothing was registered").isEqualTo(404);

        Answer asWriter = writer.register(subject, SCHEMA);

        assertThat(asWriter.status()).as(asWriter.text()).isEqualTo(200);
        assertThat(asWriter.json().path("id").asInt()).isPositive();
    }

    @Test
    void levelsModesAndDeletionsNeedTheWriter() {
        String subject = subject();
        writer.register(subject, SCHEMA);

        assertUnauthorized(anonymous.put("/config", "{\"compatibility\": \"NONE\"}"));
        assertForbidden(reader.put("/config", "{\"compatibility\": \"NONE\"}"));
        assertUnauthorized(anonymous.put("/config/" + subject, "{\"compatibility\": \"NONE\"}"));
        assertForbidden(reader.put("/config/" + subject, "{\"compatibility\": \"NONE\"}"));
        assertUnauthorized(anonymous.put("/mode", "{\"mode\": \"IMPORT\"}"));
        assertForbidden(reader.put("/mode/" + subject, "{\"mode\": \"IMPORT\"}"));
        assertUnauthorized(anonymous.delete("/subjects/" + subject));
        assertForbidden(reader.delete("/subjects/" + subject + "/versions/1"));
        assertForbidden(reader.delete("/config/" + subject));
        assertThat(writer.get("/config/" + subject).status()).as("no level was set").isEqualTo(404);

        Answer changed = writer.put("/config/" + subject, "{\"compatibility\": \"NONE\"}");

        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(writer.get("/config/" + subject).json().path("compatibilityLevel").asText()).isEqualTo("NONE");
        // this registry deletes nothing: the writer gets past authentication and meets that instead
        assertThat(writer.delete("/subjects/" + subject).status()).isNotIn(401, 403);
    }

    @Test
    void authenticatedReadsTakeTheReaderOrTheWriterAndNoOneElse() {
        String subject = subject();
        int id = writer.register(subject, SCHEMA).json().path("id").asInt();
        String lookup = RegistryHttp.schemaBody(SCHEMA);

        assertUnauthorized(anonymous.get("/subjects"));
        assertUnauthorized(anonymous.get("/schemas/ids/" + id));
        assertUnauthorized(anonymous.post("/subjects/" + subject, lookup));
        assertUnauthorized(anonymous.post("/compatibility/subjects/" + subject + "/versions/latest", lookup));
        assertUnauthorized(anonymous.withAuthorization(new BasicCredentials(RegistryAccess.READER_USER, "guessed").header())
                .get("/schemas/ids/" + id));

        for (RegistryHttp allowed : new RegistryHttp[] {reader, writer}) {
            assertThat(allowed.get("/schemas/ids/" + id).json().path("schema").asText()).contains("Order");
            assertThat(allowed.get("/subjects/" + subject + "/versions").json().toString()).isEqualTo("[1]");
            assertThat(allowed.post("/subjects/" + subject, lookup).json().path("id").asInt()).isEqualTo(id);
            assertThat(allowed.post("/compatibility/subjects/" + subject + "/versions/latest", lookup).json()
                    .path("is_compatible").asBoolean(false)).isTrue();
        }
    }

    @Test
    void openReadsTakeAnyoneButWritesStillNeedTheWriter() {
        RegistryHttp openAnonymous = new RegistryHttp(openReads.url());
        RegistryHttp openReader = new RegistryHttp(openReads.readerUrl());
        RegistryHttp openWriter = new RegistryHttp(openReads.writerUrl());
        String subject = subject();

        assertUnauthorized(openAnonymous.register(subject, SCHEMA));
        assertForbidden(openReader.register(subject, SCHEMA));
        int id = openWriter.register(subject, SCHEMA).json().path("id").asInt();

        assertThat(openAnonymous.get("/schemas/ids/" + id).status()).isEqualTo(200);
        assertThat(openAnonymous.get("/subjects/" + subject + "/versions/latest").json().path("id").asInt()).isEqualTo(id);
        assertThat(openAnonymous.post("/subjects/" + subject, RegistryHttp.schemaBody(SCHEMA)).json().path("id").asInt()).isEqualTo(id);
        assertThat(openReader.get("/subjects").status()).isEqualTo(200);
        assertUnauthorized(openAnonymous.put("/config", "{\"compatibility\": \"NONE\"}"));
    }

    @Test
    void healthAndMetricsAreLeftToTheManagementSettings() {
        assertThat(anonymous.get("/health").status()).as("the status, to anyone").isEqualTo(200);
        assertThat(anonymous.getAccepting("/prometheus", "text/plain").status())
                .as("metrics need understudy.management.credentials, which this registry was not given").isEqualTo(401);
    }

    @Test
    void theUrlsCarryTheCredentialsAndTheirRedactionDoesNot() {
        String writerPassword = registry.access().writer().orElseThrow().password();
        String readerPassword = registry.access().reader().orElseThrow().password();

        assertThat(CredentialedUrl.parse(registry.writerUrl()).credentials()).isEqualTo(registry.access().writer());
        assertThat(CredentialedUrl.parse(registry.readerUrl()).credentials()).isEqualTo(registry.access().reader());
        assertThat(CredentialedUrl.parse(registry.writerUrl()).base().toString()).isEqualTo(registry.url());
        assertThat(registry.url()).doesNotContain("@");
        assertThat(CredentialedUrl.redact(registry.writerUrl())).doesNotContain(writerPassword).contains(RegistryAccess.WRITER_USER);
        assertThat(registry.access().toString()).doesNotContain(writerPassword).doesNotContain(readerPassword);
        assertThat(writerPassword).isNotEqualTo(openReads.access().writer().orElseThrow().password());
    }

    @Test
    void withoutAWriterTheRegistryStartsOnlyWhenToldItIsInsecure() {
        KafkaSettings kafka = KafkaSettings.of(Map.of(KafkaSettings.BOOTSTRAP_SERVERS, broker.bootstrapServers()));
        Map<String, Object> noWriter = Map.of(RegistryAccess.WRITER, "", RegistryAccess.READER, "", RegistryAccess.INSECURE, false,
                "understudy.registry.topic", "_schemas-insecure");

        assertThatThrownBy(() -> EmbeddedSchemaRegistry.start(kafka, 0, RegistryAccess.generated(ReadAccess.OPEN), noWriter))
                .hasStackTraceContaining("no writer credentials")
                .hasStackTraceContaining(RegistryAccess.INSECURE + "=true");

        try (EmbeddedSchemaRegistry insecure = EmbeddedSchemaRegistry.start(kafka, 0, RegistryAccess.insecure(),
                Map.of("understudy.registry.topic", "_schemas-insecure"))) {
            assertThat(insecure.writerUrl()).isEqualTo(insecure.url());
            assertThat(new RegistryHttp(insecure.url()).register(subject(), SCHEMA).status()).isEqualTo(200);
        }
    }

    private static void assertUnauthorized(Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith(RegistryHttp.V1);
        assertThat(answer.json().path("error_code").asInt()).as(answer.text()).isEqualTo(40101);
        assertThat(answer.json().path("message").asText()).isNotBlank();
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic realm=\"schema-registry\""));
    }

    private static void assertForbidden(Answer answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(403);
        assertThat(answer.json().path("error_code").asInt()).as(answer.text()).isEqualTo(40301);
        assertThat(answer.json().path("message").asText()).contains(RegistryAccess.READER_USER);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    private static String subject() {
        return "access-" + UUID.randomUUID() + "-value";
    }
}
